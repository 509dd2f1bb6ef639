# ruff: noqa: F811  (the fixtures come from tests.events.network_helpers)
"""Booking a network event date with a name and an email: places, the ticket limit, the
one-time key, cancelling by the private link, and the confirmation in the booker's language."""

import uuid

import pytest
from django.core import mail

from events import rules, services
from events.models import NetworkBooking
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.events.network_helpers import book, date, event, make_event  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_booking_that_fits_is_confirmed(date):
    booking = book(date, tickets=3)

    assert booking.status == NetworkBooking.Status.CONFIRMED
    assert booking.reference.startswith("N-")
    assert len(booking.token) >= 43
    assert rules.network_tickets_taken(date) == 3


def test_more_tickets_than_the_places_left_are_refused_kindly(db):
    date = make_event(capacity=4).dates.get()
    book(date, tickets=3)

    with pytest.raises(services.NetworkBookingError) as refused:
        book(date, tickets=2)

    assert "only 1 place left" in str(refused.value.message)
    assert NetworkBooking.objects.count() == 1


def test_a_full_date_refuses_kindly(db):
    date = make_event(capacity=2).dates.get()
    book(date, tickets=2)

    with pytest.raises(services.NetworkBookingError) as refused:
        book(date)

    assert "this date is full" in str(refused.value.message)


def test_the_ticket_limit_holds_per_booking(db):
    date = make_event(ticket_limit=2).dates.get()

    with pytest.raises(services.NetworkBookingError) as refused:
        book(date, tickets=3)

    assert "2 tickets at most" in str(refused.value.message)
    assert book(date, tickets=2).tickets == 2


def test_a_date_of_an_unpublished_event_or_cancelled_cannot_be_booked(event, date, programme_staff):
    event.is_published = False
    event.save()
    with pytest.raises(services.NetworkBookingError):
        book(date)

    event.is_published = True
    event.save()
    services.network_date_cancel(date_id=date.pk, actor=programme_staff)
    with pytest.raises(services.NetworkBookingError):
        book(date)


def test_a_date_that_has_started_cannot_be_booked(date, clock):
    clock.move_to(date.starts_at)

    with pytest.raises(services.NetworkBookingError):
        book(date)


def test_the_same_one_time_key_gives_the_first_booking(date):
    key = uuid.uuid4()

    first = book(date, submission_key=key, tickets=2)
    again = book(date, submission_key=key, tickets=2)

    assert again.pk == first.pk
    assert NetworkBooking.objects.count() == 1
    assert OutgoingMessage.objects.filter(template="network_booking_confirmed").count() == 1


def test_two_keys_are_two_bookings(date):
    book(date, submission_key=uuid.uuid4())
    book(date, submission_key=uuid.uuid4())

    assert NetworkBooking.objects.count() == 2


def test_the_confirmation_goes_once_in_the_bookers_language(
    date, django_capture_on_commit_callbacks
):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(date, language="uk", submission_key=key)
    with django_capture_on_commit_callbacks(execute=True):
        book(date, language="uk", submission_key=key)

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["olena@example.org"]
    assert "Міське свято" in sent.subject
    assert booking.reference in sent.body
    assert f"/uk/events/booking/{booking.token}/" in sent.body
    assert "51 St Benedict's Street" in sent.body


def test_cancelling_frees_the_places_and_tells_the_booker(date, django_capture_on_commit_callbacks):
    booking = book(date, tickets=2)

    with django_capture_on_commit_callbacks(execute=True):
        services.network_booking_cancel(booking_id=booking.pk)

    booking.refresh_from_db()
    assert booking.status == NetworkBooking.Status.CANCELLED
    assert rules.network_tickets_taken(date) == 0
    assert OutgoingMessage.objects.filter(template="network_booking_cancelled").count() == 1


def test_the_booker_cannot_cancel_once_the_date_has_started(date, clock):
    booking = book(date)
    clock.move_to(date.starts_at)

    with pytest.raises(services.NetworkBookingError):
        services.network_booking_cancel(booking_id=booking.pk)


def test_staff_cancelling_a_date_cancels_its_bookings_and_tells_each(date, programme_staff):
    first, second = book(date), book(date, email="petro@example.org")

    services.network_date_cancel(date_id=date.pk, actor=programme_staff)

    assert set(NetworkBooking.objects.values_list("status", flat=True)) == {"cancelled"}
    told = OutgoingMessage.objects.filter(template="network_date_cancelled")
    assert sorted(told.values_list("recipient", flat=True)) == sorted([first.email, second.email])
    assert AuditEvent.objects.filter(action="network_date.cancel").count() == 1
