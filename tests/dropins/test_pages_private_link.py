"""The private link of a booking: it shows the booking, changes or
cancels it while it may be, and reveals nothing to anyone else."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dropins import services
from dropins.models import Booking, DropInSession
from tests.dropins.conftest import book

pytestmark = pytest.mark.instants


def test_the_private_link_shows_the_booking(client, session):
    booking = book(session, adults=2, children=1, email="amina@example.org")

    response = client.get(booking.manage_path())

    html = response.content.decode()
    assert booking.reference in html
    assert "2 adults, 1 child" in html
    assert "amina@example.org" not in html  # not needed here; a shared phone may show it
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 200])
def test_a_wrong_private_link_is_a_friendly_404_that_reveals_nothing(client, session, token):
    book(session)

    response = client.get(f"/en/drop-in/booking/{token}/")

    assert response.status_code == 404
    assert "D-" not in response.content.decode()


def test_a_private_link_with_characters_no_token_has_is_a_404(client, db):
    assert client.get("/en/drop-in/booking/" + "%00" * 43 + "/").status_code == 404
    assert client.get("/en/drop-in/booking/" + "%00" * 43 + "/cancel/").status_code == 404


def test_the_private_link_changes_how_many_are_coming(client, session):
    booking = book(session, adults=1)

    response = client.post(booking.manage_path(), {"adults": "2", "children": "2"})

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.people == 4


def test_the_private_link_refuses_more_people_than_places(client, session):
    services.session_capacity_set(session_id=session.pk, capacity=3, actor=None)
    booking = book(session, adults=2)

    response = client.post(booking.manage_path(), {"adults": "2", "children": "2"})

    assert "only 1 more place" in response.content.decode()
    booking.refresh_from_db()
    assert booking.people == 2


def test_cancelling_asks_once_then_cancels(client, session):
    booking = book(session)
    cancel_url = reverse("dropins:cancel", kwargs={"token": booking.token})

    confirm = client.get(cancel_url)
    assert "Yes, cancel my booking" in confirm.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED

    response = client.post(cancel_url, follow=True)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Your booking is cancelled" in response.content.decode()


def test_a_booking_cannot_be_cancelled_once_the_drop_in_has_started(client, session):
    booking = book(session)
    DropInSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(minutes=10)
    )
    cancel_url = reverse("dropins:cancel", kwargs={"token": booking.token})

    page = client.get(booking.manage_path()).content.decode()
    response = client.post(cancel_url, follow=True)

    assert cancel_url not in page
    assert "has started" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_the_cancel_link_stays_while_the_booking_can_no_longer_be_changed(client, session):
    booking = book(session)
    session.series.booking_opens_days = 0
    session.series.save()

    page = client.get(booking.manage_path()).content.decode()

    assert 'name="adults"' not in page
    assert reverse("dropins:cancel", kwargs={"token": booking.token}) in page


def test_an_anonymised_booking_link_no_longer_works(client, session):
    booking = book(session)
    services.bookings_anonymise(now=session.ends_at + timedelta(days=365))

    assert client.get(f"/en/drop-in/booking/{booking.token}/").status_code == 404


def test_robots_keep_out_of_private_pages(client):
    robots = client.get("/robots.txt").content.decode()

    assert "Disallow: /*/drop-in/booking/" in robots
    assert "Disallow: /*/drop-in/booked/" in robots
