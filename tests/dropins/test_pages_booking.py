"""Booking a drop-in: the confirmation with its reference and private link, a full,
cancelled or not yet open session, and what a repeated contact sees."""

import pytest

from dropins import services
from dropins.models import Booking, DropInSession
from tests.dropins.conftest import book
from tests.dropins.helpers import booking_data, session_url

pytestmark = pytest.mark.instants


def test_booking_shows_the_confirmation_with_reference_and_private_link(client, session):
    response = client.post(session_url(session, "ar"), booking_data(), follow=True)

    booking = Booking.objects.get()
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/ar/drop-in/booked/"
    assert booking.reference in html
    assert f"/ar/drop-in/booking/{booking.token}/" in html
    assert "/ar/drop-in/booked/calendar.ics" in html
    assert (booking.adults, booking.children, booking.language) == (2, 1, "ar")
    assert booking.interpreter_language == "ar"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_without_a_contact_the_private_link_is_on_the_page(client, session):
    client.post(session_url(session), booking_data())

    html = client.get("/en/drop-in/booked/").content.decode()

    assert f"/en/drop-in/booking/{Booking.objects.get().token}/" in html


def test_a_full_session_offers_the_waiting_list(client, session):
    services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    book(session)

    html = client.get(session_url(session)).content.decode()
    assert "Join the waiting list" in html

    client.post(session_url(session), booking_data(first_name="Yusuf"))
    html = client.get("/en/drop-in/booked/").content.decode()

    assert "You are on the waiting list" in html
    assert Booking.objects.get(first_name="Yusuf").status == Booking.Status.WAITLISTED


def test_a_cancelled_session_says_so_and_offers_no_form(client, session):
    services.session_cancel(
        session_id=session.pk, reason=DropInSession.CancelReason.WEATHER, actor=None
    )

    response = client.get(session_url(session))

    assert "cancelled" in response.content.decode()
    assert response.context["form"] is None
    assert client.post(session_url(session), booking_data()).status_code == 200
    assert Booking.objects.count() == 0


def test_a_session_not_open_for_booking_yet_is_not_found(client, series):
    last = series.sessions.order_by("-starts_at").first()

    assert client.get(session_url(last)).status_code == 404


def test_the_confirmation_page_without_a_booking_goes_to_the_list(client, db):
    response = client.get("/en/drop-in/booked/")

    assert response.status_code == 302 and response["Location"] == "/en/drop-in/"


def test_the_confirmation_of_a_booking_cancelled_since_goes_to_its_private_link(client, session):
    client.post(session_url(session), booking_data())
    booking = Booking.objects.get()
    services.booking_cancel(booking_id=booking.pk)

    response = client.get("/en/drop-in/booked/")

    assert response.status_code == 302
    assert response["Location"] == booking.manage_path()
