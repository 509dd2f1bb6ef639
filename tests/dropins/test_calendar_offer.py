"""A drop-in booking offers "Add to my calendar" (the link and its file) only while it stands
and its session is on: never for a cancelled booking or a cancelled session."""

import pytest
from django.test import Client
from django.urls import reverse

from dropins import rules, services
from dropins.models import Booking
from tests.dropins.conftest import book
from tests.dropins.helpers import booking_data, session_url

pytestmark = pytest.mark.django_db


def calendar_url(booking: Booking) -> str:
    return reverse("dropins:calendar", kwargs={"token": booking.token})


def test_a_booking_offers_its_calendar_file_with_the_session_and_nothing_personal(client, session):
    booking = book(session, first_name="Amina")

    html = client.get(booking.manage_path()).content.decode()
    response = client.get(calendar_url(booking))

    assert f'href="{calendar_url(booking)}"' in html
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Welcome drop-in" in body
    assert "DTSTART:" + session.starts_at.strftime("%Y%m%dT%H%M%SZ") in body
    assert "Amina" not in body and booking.reference not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_cancelled_booking_offers_no_calendar_and_its_file_is_refused(client, session):
    booking = book(session)
    services.booking_cancel(booking_id=booking.pk)

    html = client.get(booking.manage_path()).content.decode()

    assert "This booking is cancelled." in html
    assert "calendar.ics" not in html and "Add to my calendar" not in html
    assert client.get(calendar_url(booking)).status_code == 404


def test_a_booking_on_a_cancelled_session_offers_no_calendar(client, session):
    booking = book(session)
    services.session_cancel(session_id=session.pk, reason="weather", actor=None)

    html = client.get(booking.manage_path()).content.decode()

    assert "calendar.ics" not in html
    assert client.get(calendar_url(booking)).status_code == 404


def test_the_confirmation_page_offers_the_calendar_without_the_private_link(client, session):
    client.post(session_url(session, "en"), booking_data(email="amina@example.org"))
    booking = Booking.objects.get()

    html = client.get("/en/drop-in/booked/").content.decode()
    response = client.get("/en/drop-in/booked/calendar.ics")

    assert "/en/drop-in/booked/calendar.ics" in html and booking.token not in html
    assert "SUMMARY:Welcome drop-in" in response.content.decode()
    services.booking_cancel(booking_id=booking.pk)
    assert client.get("/en/drop-in/booked/calendar.ics").status_code == 404
    assert Client().get("/en/drop-in/booked/calendar.ics").status_code == 404


def test_the_calendar_rule_agrees_in_sql_and_in_python(session, series):
    standing = book(session, first_name="Standing")
    cancelled = book(session, first_name="Cancelled")
    services.booking_cancel(booking_id=cancelled.pk)
    other = series.sessions.exclude(pk=session.pk).order_by("starts_at")[0]
    on_cancelled_session = book(other, first_name="Gone")
    services.session_cancel(session_id=other.pk, reason="weather", actor=None)

    bookings = Booking.objects.select_related("session")
    in_sql = set(bookings.filter(rules.offers_calendar_q()).values_list("pk", flat=True))
    in_python = {booking.pk for booking in bookings if rules.offers_calendar(booking)}

    assert in_sql == in_python == {standing.pk}
    assert on_cancelled_session.pk not in in_sql


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ti", "ናይ ምቕባል ርክብ ኣብ ቲያትር ሮያል ኖርዊች"),
        ("ur", "خوش آمدید ملاقات تھیٹر رائل"),
        ("ru", "Встреча-знакомство"),
    ],
)
def test_the_calendar_file_names_the_drop_in_in_the_bookings_language(
    client, session, language, title
):
    """Its text is in the language of the page it is fetched from (the booking's link), folded
    at 75 octets without splitting a character of any script."""
    from django.utils import translation

    from dropins.models import DropInSeries

    DropInSeries.objects.filter(pk=session.series_id).update(**{f"title_{language}": title})
    booking = book(session, language=language)
    with translation.override(language):
        url = calendar_url(booking)

    body = client.get(url).content.decode("utf-8")

    unfolded = body.replace("\r\n ", "")
    assert f"SUMMARY:{title}" in unfolded
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
