"""People's details are forgotten a while after their drop-in; the numbers stay."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dropins import selectors, services
from dropins.models import Booking
from tests.dropins.conftest import book

pytestmark = pytest.mark.instants


def test_bookings_are_anonymised_after_the_keeping_time(session, settings):
    settings.DROPIN_KEEP_DAYS = 30
    booking = book(
        session,
        adults=2,
        children=1,
        email="amina@example.org",
        phone="+447911123456",
        access_needs="A quiet room",
    )
    token = booking.token
    from sanctuary.models import OutgoingMessage

    assert OutgoingMessage.objects.filter(recipient="amina@example.org").exists()

    assert services.bookings_anonymise(now=session.ends_at + timedelta(days=29)) == 0
    assert services.bookings_anonymise(now=session.ends_at + timedelta(days=31)) == 1

    booking.refresh_from_db()
    assert (booking.first_name, booking.email, str(booking.phone), booking.access_needs) == (
        "",
        "",
        "",
        "",
    )
    assert (booking.adults, booking.children, booking.status) == (2, 1, Booking.Status.CONFIRMED)
    assert booking.reference  # kept, so staff can still answer "was I booked?"
    assert selectors.booking_get_by_token(token=token) is None
    assert services.bookings_anonymise(now=timezone.now() + timedelta(days=400)) == 0
    # Its messages forget the address too, and the one never sent is not sent now.
    assert not OutgoingMessage.objects.filter(recipient="amina@example.org").exists()
    assert not OutgoingMessage.objects.filter(recipient="+447911123456").exists()
    assert not OutgoingMessage.objects.filter(status=OutgoingMessage.Status.PENDING).exists()
