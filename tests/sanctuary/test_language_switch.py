"""The language switch on every page a private link opens: the same page comes back in the
chosen language, its private link still working, whatever language the browser prefers and
whichever the page was in. The booking's own language (for its messages) stays as it was."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from bursaries.models import Application
from dropins.models import Booking
from events import services as event_services
from events.models import MailingListMember
from tests.bursaries.conftest import fund, opportunity, submit  # noqa: F401 (fixtures)
from tests.dropins.conftest import book, make_series
from tests.events.network_helpers import book as book_network
from tests.events.network_helpers import make_event
from tests.events.tickets_setup import make_link, make_night, name_party

pytestmark = pytest.mark.django_db


def in_language(language: str, name: str, token: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs={"token": token})


def drop_in_booking(request):
    series = make_series()
    session = series.sessions.order_by("starts_at").first()
    return "dropins:manage", book(session, language="fa").token


def bursary_status(request):
    return "bursaries:status", request.getfixturevalue("submit")(language="fa").status_token


def guest_ticket(request):
    return "events:ticket", name_party(make_night(), language="fa").token


def claim_page(request):
    return "events:claim", make_link(make_night(days_ahead=12))[1]


def network_booking(request):
    return "events:network_booking", book_network(make_event().dates.get(), language="fa").token


def mailing_member() -> str:
    event_services.mailing_join(email="member@example.org", name="Olena", language="fa")
    return MailingListMember.objects.get().token


def mailing_confirm(request):
    return "events:mailing_confirm", mailing_member()


def mailing_leave(request):
    return "events:mailing_leave", mailing_member()


PAGES = [
    drop_in_booking,
    bursary_status,
    guest_ticket,
    claim_page,
    network_booking,
    mailing_confirm,
    mailing_leave,
]


def switch(client, path: str, language: str):
    """Press a language's button on the page at `path`, as a browser without JavaScript does."""
    html = client.get(path).content.decode()
    next_url = re.search(r'<input type="hidden" name="next" value="([^"]*)">', html).group(1)
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.__name__)
@pytest.mark.parametrize(("start", "chosen"), [("fa", "uk"), ("uk", "ar"), ("ar", "en")])
def test_the_switch_brings_the_same_private_page_back_in_the_chosen_language(
    client, request, page, start, chosen
):
    # A browser that prefers English, opening the link from a message in another language.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    name, token = page(request)

    response = switch(client, in_language(start, name, token), chosen)

    assert response.status_code == 302
    assert response["Location"] == in_language(chosen, name, token)
    page_again = client.get(response["Location"])
    assert page_again.status_code in (200, 410)  # a claim link's kind "closed" page is a 410
    assert page_again.resolver_match.view_name == name
    assert f'<html lang="{chosen}"' in page_again.content.decode()


def test_switching_the_page_leaves_the_language_of_the_messages_as_chosen(client, request):
    name, token = drop_in_booking(request)

    switch(client, in_language("fa", name, token), "en")

    assert Booking.objects.get(token=token).language == "fa"


def test_switching_the_bursary_page_leaves_the_applicants_language(client, request):
    name, token = bursary_status(request)

    switch(client, in_language("fa", name, token), "uk")

    assert Application.objects.get(status_token=token).language == "fa"
