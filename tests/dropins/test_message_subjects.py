"""Every message about a booking is linked to it, and anonymising the booking forgets them all,
whatever their template: a kind of message added tomorrow is forgotten too."""

from datetime import timedelta

from django.db import transaction

from dropins import services as dropin_services
from sanctuary.models import OutgoingMessage
from tests.dropins.conftest import book, make_series
from tests.factories import a_new_kind_of_message


def test_a_message_knows_what_it_is_about(db):
    session = make_series().sessions.order_by("starts_at").first()
    booking = book(session, email="amina@example.org")
    messages = OutgoingMessage.objects.filter(recipient="amina@example.org")
    assert messages.exists()
    assert {message.subject for message in messages} == {booking}


def test_a_new_kind_of_message_about_a_booking_is_forgotten_with_the_booking(db, settings):
    settings.DROPIN_KEEP_DAYS = 30
    session = make_series().sessions.order_by("starts_at").first()
    booking = book(session, email="amina@example.org")
    with transaction.atomic():
        note = a_new_kind_of_message(booking, recipient="amina@example.org")
    anonymised = dropin_services.bookings_anonymise(now=session.ends_at + timedelta(days=31))
    assert anonymised == 1
    note.refresh_from_db()
    assert (note.recipient, note.context) == ("", {})
    assert not OutgoingMessage.objects.filter(recipient__contains="@").exists()


def test_every_drop_in_message_is_about_its_booking(db):
    session = make_series().sessions.order_by("starts_at").first()
    dropin_services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    first = book(session, email="first@example.org")
    waiting = book(session, email="waiting@example.org")
    dropin_services.booking_cancel(booking_id=first.pk)  # the waiting family is booked in
    dropin_services.session_cancel(session_id=session.pk, reason="weather", actor=None)

    messages = OutgoingMessage.objects.all()
    assert {message.template for message in messages} >= {
        "dropin_booking_confirmed",
        "dropin_booking_waitlisted",
        "dropin_booking_cancelled",
        "dropin_booking_promoted",
        "dropin_session_cancelled",
    }
    for message in messages:
        owner = first if message.recipient.startswith("first") else waiting
        assert message.subject == owner, message.template
