"""The guest's claim page: a short form on a phone, no account, no JavaScript; kind pages
for a link that can no longer be used, never a server error."""

import uuid
from datetime import timedelta

import pytest
from django.utils import translation

from events.models import GuestTicket
from events.services.claims import claim_link_claim, claim_link_path, claim_link_revoke
from tests.events.tickets_setup import claim_fields, make_link, make_night, name_party

pytestmark = pytest.mark.django_db


def _path(token: str, language: str = "en") -> str:
    with translation.override(language):
        return claim_link_path(token)


def _form(**fields) -> dict:
    return {
        "submission_key": str(uuid.uuid4()),
        "first_name": "Olena",
        "guests": "3",
        "hosts": "1",
        "language": "uk",
        "access_needs": "",
        "email": "",
        "phone": "",
        "consent": "on",
        **fields,
    }


def test_the_claim_page_shows_the_performance_and_a_short_form(client):
    night = make_night()
    _link, token = make_link(night)

    response = client.get(_path(token))

    html = response.content.decode()
    assert response.status_code == 200
    assert night.performance.title in html and night.partner_a.name in html
    assert 'name="guests"' in html and 'name="hosts"' in html and 'name="consent"' in html
    assert "<script" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_claiming_leads_to_the_ticket_page_in_the_page_language(client):
    night = make_night()
    _link, token = make_link(night)

    response = client.post(_path(token, "uk"), _form())

    ticket = GuestTicket.objects.get()
    with translation.override("uk"):
        assert response["Location"] == ticket.ticket_path()
    assert ticket.guests == 3 and ticket.hosts == 1 and ticket.quota == night.quota_a


def test_the_same_form_sent_twice_gives_the_first_ticket(client):
    _link, token = make_link(make_night())
    form = _form()

    first = client.post(_path(token), form)
    second = client.post(_path(token), form)

    assert GuestTicket.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_used_link_is_a_kind_page_naming_the_partner(client):
    night = make_night()
    _link, token = make_link(night)
    claim_link_claim(token=token, **claim_fields())

    for response in (client.get(_path(token)), client.post(_path(token), _form())):
        html = response.content.decode()
        assert response.status_code == 410
        assert "This link has already been used." in html
        assert night.partner_a.name in html and "01362 000000" in html
    assert GuestTicket.objects.count() == 1


def test_a_withdrawn_link_is_a_kind_page(client):
    night = make_night()
    link, token = make_link(night)
    claim_link_revoke(link_id=link.pk, organisation=night.partner_a, actor=None)

    response = client.get(_path(token))

    assert response.status_code == 410
    assert "This link has been withdrawn." in response.content.decode()


def test_an_expired_link_is_a_kind_page(client, clock):
    link, token = make_link(make_night())
    clock.move_to(link.expires_at + timedelta(minutes=1))

    response = client.get(_path(token))

    assert response.status_code == 410
    assert "This link has expired." in response.content.decode()


def test_an_unknown_link_is_a_404(client):
    make_link(make_night())

    assert client.get("/en/events/claim/" + "x" * 43 + "/").status_code == 404


def test_seats_gone_is_said_on_the_form_and_nothing_is_made(client):
    night = make_night(seats_a=4)
    _link, token = make_link(night)
    name_party(night, guests=3, hosts=0)

    response = client.post(_path(token), _form(guests="2", hosts="0"))

    assert response.status_code == 200
    assert "not enough seats left" in response.content.decode()
    assert GuestTicket.objects.count() == 1


def test_more_guests_than_the_link_offers_cannot_be_chosen(client):
    _link, token = make_link(make_night(), max_guests=2, max_hosts=0)

    response = client.post(_path(token), _form(guests="3"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="hosts"' not in html
    assert not GuestTicket.objects.exists()


def test_without_consent_the_form_asks_for_it(client):
    _link, token = make_link(make_night())

    response = client.post(_path(token), _form(consent=""))

    assert "Tick the box" in response.content.decode()
    assert not GuestTicket.objects.exists()


def test_claims_are_rate_limited(client, settings):
    settings.EVENTS_CLAIMS_PER_HOUR = 1
    night = make_night()
    _link, first = make_link(night, max_guests=1, max_hosts=0)
    _link, second = make_link(night, max_guests=1, max_hosts=0)
    client.post(_path(first), _form(guests="1", hosts="0"))

    response = client.post(_path(second), _form(guests="1", hosts="0"))

    assert response.status_code == 429
    assert "too many tries" in response.content.decode()
    assert GuestTicket.objects.count() == 1


def test_the_language_switch_keeps_the_link(client):
    _link, token = make_link(make_night())

    response = client.post("/i18n/setlang/", {"language": "uk", "next": _path(token)}, follow=False)

    assert response["Location"] == _path(token, "uk")


def test_the_claim_page_query_count_does_not_grow_with_tickets(
    client, django_assert_max_num_queries
):
    night = make_night(seats_a=10)
    _link, token = make_link(night, max_guests=2)
    with django_assert_max_num_queries(6) as few:
        client.get(_path(token))
    for index in range(5):
        name_party(night, guests=1, hosts=0, first_name=f"Guest {index}")

    with django_assert_max_num_queries(len(few)):
        client.get(_path(token))


def test_a_link_whose_seats_are_all_taken_is_a_kind_page_before_any_typing(client):
    night = make_night(seats_a=4)
    _link, token = make_link(night, max_guests=4)
    name_party(night, guests=4, hosts=0)

    response = client.get(_path(token, "uk"))

    html = response.content.decode()
    assert response.status_code == 410
    assert "усі місця за цим посиланням уже зайняті" in html
    assert night.partner_a.name in html
