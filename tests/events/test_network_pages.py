# ruff: noqa: F811  (the fixtures come from tests.events.network_helpers)
"""The public pages of network events: the list by month, an event with its dates and place,
booking a date, the confirmation, the private link to cancel, and the .ics."""

import re
from datetime import UTC, timedelta

import pytest
from django.test import Client

from events import services
from events.models import NetworkBooking
from tests.events.network_helpers import (  # noqa: F401
    book,
    booking_data,
    date,
    date_url,
    event,
    make_event,
)
from tests.languages import LANGUAGES, RIGHT_TO_LEFT

pytestmark = pytest.mark.django_db


def form_key(client, date) -> str:
    page = client.get(date_url(date)).content.decode()
    return re.search(r'name="submission_key" value="([0-9a-f-]+)"', page).group(1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_groups_events_by_month_in_every_language(client, db, language):
    make_event(dates=3, slug="speak-up", title_en="Speak Up training", title_uk="", title_ar="")
    make_event(slug="hidden", title_en="Not yet published", is_published=False)

    response = client.get(f"/{language}/events/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Speak Up training" in html
    assert "Not yet published" not in html
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language in RIGHT_TO_LEFT)


def test_the_event_page_shows_its_place_dates_and_places_left(client, db):
    event = make_event(dates=2, capacity=3)
    first, second = event.dates.all()
    book(first, tickets=3)

    html = client.get("/en/events/city-celebration/").content.decode()

    assert "51 St Benedict&#x27;s Street, Norwich NR2 4PG" in html
    assert 'href="https://www.openstreetmap.org/#map=19/52.6300/1.2870"' in html
    assert "<iframe" not in html
    assert "Full" in html
    assert "Few places left: 3" in html
    assert date_url(second) in html
    assert date_url(first) not in html


def test_an_unpublished_event_is_not_found(client, db):
    make_event(is_published=False)

    assert client.get("/en/events/city-celebration/").status_code == 404


def test_booking_shows_the_confirmation_and_sends_the_email(
    client, date, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            date_url(date, "uk"), booking_data(submission_key=form_key(client, date)), follow=True
        )

    booking = NetworkBooking.objects.get()
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/uk/events/booked/"
    assert booking.reference in html
    assert (booking.tickets, booking.language, booking.name) == (2, "uk", "Olena Kovalenko")
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_same_form_sent_twice_is_one_booking(client, date):
    data = booking_data(submission_key=form_key(client, date))

    client.post(date_url(date), data)
    again = Client().post(date_url(date), data, follow=True)

    assert NetworkBooking.objects.count() == 1
    assert NetworkBooking.objects.get().reference in again.content.decode()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"name": ""}, "This field is required."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"tickets": "11"}, "Choose how many tickets from the list."),
        ({"tickets": "many"}, "Choose how many tickets from the list."),
    ],
)
def test_bad_input_gets_a_clear_error(client, date, change, error):
    response = client.post(date_url(date), booking_data(**change))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert NetworkBooking.objects.count() == 0


def test_the_ticket_limit_is_the_forms_choices(client, db):
    date = make_event(ticket_limit=2).dates.get()

    html = client.get(date_url(date)).content.decode()
    response = client.post(date_url(date), booking_data(tickets="3"))

    assert '<option value="2"' in html and '<option value="3"' not in html
    assert "Choose how many tickets from the list." in response.content.decode()


def test_more_tickets_than_left_keeps_the_form_with_a_kind_error(client, db):
    date = make_event(capacity=3).dates.get()
    book(date, tickets=2)

    response = client.post(date_url(date), booking_data(tickets="2"))

    assert response.status_code == 409
    assert "Sorry, there is only 1 place left." in response.content.decode()
    assert 'value="Olena Kovalenko"' in response.content.decode()


def test_a_full_date_says_so_without_a_form(client, db):
    date = make_event(capacity=1).dates.get()
    book(date)

    html = client.get(date_url(date)).content.decode()

    assert "Sorry, this date is full." in html
    assert "<form" not in html.split("<main")[1].split("</main>")[0]


def test_the_rate_limit_keeps_the_form_as_typed(client, date, settings):
    settings.NETWORK_BOOKINGS_PER_HOUR = 1
    client.post(date_url(date), booking_data(email="one@example.org"))

    response = client.post(date_url(date), booking_data(email="two@example.org"))

    assert response.status_code == 429
    assert 'value="two@example.org"' in response.content.decode()
    assert NetworkBooking.objects.count() == 1


def test_the_private_link_cancels_after_one_question(client, date):
    booking = book(date, tickets=2)
    manage = booking.manage_path()

    assert "Cancel my booking" in client.get(manage).content.decode()
    question = client.get(f"{manage}cancel/")
    assert "Yes, cancel my booking" in question.content.decode()
    assert NetworkBooking.objects.get().status == "confirmed"  # a GET changes nothing

    response = client.post(f"{manage}cancel/", follow=True)

    assert NetworkBooking.objects.get().status == "cancelled"
    assert "This booking is cancelled." in response.content.decode()


def test_a_wrong_or_forgotten_link_is_not_found(client, date):
    booking = book(date)
    services.network_bookings_anonymise(now=date.ends_at + timedelta(days=31))

    assert client.get(booking.manage_path()).status_code == 404
    assert client.get("/en/events/booking/not-a-real-key-at-all-xxxxx/").status_code == 404
    assert client.post("/en/events/booking/gone-1/cancel/").status_code == 404


def test_the_ics_has_the_date_and_the_place_and_nothing_personal(client, date):
    book(date, name="Olena")

    response = client.get(f"/en/events/dates/{date.pk}/calendar.ics")

    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "BEGIN:VEVENT" in body and "END:VCALENDAR" in body
    assert f"DTSTART:{date.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}" in body
    assert "SUMMARY:City celebration" in body
    assert "LOCATION:Norwich Arts Centre\\, 51 St Benedict's Street\\, Norwich NR2 4PG" in body
    assert "Olena" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_the_ics_of_an_unpublished_event_is_not_found(client, db):
    date = make_event(is_published=False).dates.get()

    assert client.get(f"/en/events/dates/{date.pk}/calendar.ics").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_speaks_the_language_and_its_direction(client, date, language):
    booking = book(date)
    pages = [
        f"/{language}/events/city-celebration/",
        date_url(date, language),
        f"/{language}/events/mailing-list/",
        f"/{language}/events/mailing-list/check-your-email/",
        booking.manage_path().replace("/en/", f"/{language}/"),
    ]
    for page in pages:
        response = client.get(page)
        html = response.content.decode()
        assert response.status_code == 200, page
        direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
        assert f'<html lang="{language}" dir="{direction}">' in html
        assert "<script" not in html
