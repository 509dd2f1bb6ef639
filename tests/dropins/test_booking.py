"""Booking, changing and cancelling, and the waiting list (dropins.services)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from dropins import services
from dropins.models import Booking, DropInSession
from sanctuary import sms
from sanctuary.models import OutgoingMessage
from tests.dropins.conftest import book

pytestmark = pytest.mark.instants


def test_a_booking_that_fits_is_confirmed(session):
    booking = book(session, adults=2, children=3)

    assert booking.status == Booking.Status.CONFIRMED
    assert booking.confirmed_at is not None
    assert booking.people == 5
    assert booking.reference.startswith("D-") and len(booking.reference) == 8
    assert len(booking.token) >= 43


def test_a_booking_that_does_not_fit_goes_on_the_waiting_list(session):
    services.session_capacity_set(session_id=session.pk, capacity=4, actor=None)
    book(session, adults=2, children=1)

    booking = book(session, first_name="Yusuf", adults=2)

    assert booking.status == Booking.Status.WAITLISTED
    assert booking.confirmed_at is None


def test_the_confirmation_goes_to_email_and_sms_in_the_bookers_language(
    session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session, email="amina@example.org", phone="+447911123456", language="ar")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]
    assert "لقاء الترحيب" in mail.outbox[0].subject
    assert booking.reference in mail.outbox[0].body
    assert f"/ar/drop-in/booking/{booking.token}/" in mail.outbox[0].body
    assert len(sms.outbox) == 1
    assert sms.outbox[0]["to"] == "+447911123456"
    assert booking.reference in sms.outbox[0]["body"]


def test_messages_say_nothing_sensitive(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        book(session, email="amina@example.org", phone="+447911123456", access_needs="wheelchair")

    text = (mail.outbox[0].subject + mail.outbox[0].body + sms.outbox[0]["body"]).lower()
    text = text.replace(settings.SITE_URL, "")  # the site's own address is what it is
    for word in ("refugee", "asylum", "sanctuary", "immigration", "wheelchair"):
        assert word not in text


def test_no_contact_means_no_message(session):
    book(session)

    assert OutgoingMessage.objects.count() == 0


def test_the_same_contact_can_book_again_after_cancelling(session):
    first = book(session, email="amina@example.org")
    services.booking_cancel(booking_id=first.pk)

    again = book(session, email="amina@example.org")

    assert again.status == Booking.Status.CONFIRMED


def test_the_same_contact_can_book_other_sessions(series, session):
    later = series.sessions.exclude(pk=session.pk).order_by("starts_at").first()
    book(session, email="amina@example.org")

    assert book(later, email="amina@example.org").status == Booking.Status.CONFIRMED


@pytest.mark.parametrize(
    "change",
    [
        lambda: {"status": DropInSession.Status.CANCELLED},
        # When the test runs, not when it is collected: the clock is set per test.
        lambda: {"starts_at": timezone.now() - timedelta(minutes=5)},
    ],
    ids=["cancelled", "started"],
)
def test_a_session_that_is_cancelled_or_has_started_cannot_be_booked(session, change):
    DropInSession.objects.filter(pk=session.pk).update(**change())

    with pytest.raises(services.BookingError):
        book(session)


def test_booking_opens_only_so_many_days_before(series):
    last = series.sessions.order_by("-starts_at").first()
    assert last.starts_at - timezone.now() > timedelta(days=series.booking_opens_days)

    with pytest.raises(services.BookingError):
        book(last)


def test_cancelling_gives_the_places_to_the_earliest_waiting_booking_that_fits(
    session, django_capture_on_commit_callbacks
):
    services.session_capacity_set(session_id=session.pk, capacity=4, actor=None)
    booked = book(session, adults=2, children=2)
    too_big = book(session, first_name="Big family", adults=2, children=3)
    fits = book(session, first_name="Yusuf", adults=1, children=1, email="yusuf@example.org")
    also_fits = book(session, first_name="Olena", adults=2)
    assert {too_big.status, fits.status, also_fits.status} == {Booking.Status.WAITLISTED}

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking_id=booked.pk)

    statuses = dict(Booking.objects.values_list("first_name", "status"))
    assert statuses == {
        "Amina": Booking.Status.CANCELLED,
        "Big family": Booking.Status.WAITLISTED,
        "Yusuf": Booking.Status.CONFIRMED,
        "Olena": Booking.Status.CONFIRMED,
    }
    promoted = OutgoingMessage.objects.get(template="dropin_booking_promoted")
    assert promoted.recipient == "yusuf@example.org"
    assert promoted.status == OutgoingMessage.Status.SENT


def test_raising_the_places_confirms_people_waiting(session):
    services.session_capacity_set(session_id=session.pk, capacity=2, actor=None)
    book(session, adults=2)
    waiting = book(session, first_name="Yusuf", adults=3)

    services.session_capacity_set(session_id=session.pk, capacity=5, actor=None)

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


def test_lowering_the_places_never_cancels_anyone(session):
    booking = book(session, adults=5)

    services.session_capacity_set(session_id=session.pk, capacity=2, actor=None)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_fewer_people_free_places_for_the_waiting_list(session):
    services.session_capacity_set(session_id=session.pk, capacity=4, actor=None)
    booking = book(session, adults=2, children=2)
    waiting = book(session, first_name="Yusuf", adults=1)

    services.booking_change(booking_id=booking.pk, adults=2, children=1)

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


def test_more_people_need_free_places(session):
    services.session_capacity_set(session_id=session.pk, capacity=4, actor=None)
    booking = book(session, adults=2)
    book(session, first_name="Yusuf", adults=1)

    services.booking_change(booking_id=booking.pk, adults=2, children=1)
    with pytest.raises(services.BookingError, match="no more places"):
        services.booking_change(booking_id=booking.pk, adults=2, children=2)

    booking.refresh_from_db()
    assert (booking.adults, booking.children) == (2, 1)


def test_a_cancelled_booking_cannot_be_changed(session):
    booking = book(session)
    services.booking_cancel(booking_id=booking.pk)

    with pytest.raises(services.BookingError):
        services.booking_change(booking_id=booking.pk, adults=2, children=0)


def test_staff_cancelling_a_booking_is_audited(session, programme_staff):
    from sanctuary.models import AuditEvent

    booking = book(session)

    services.booking_cancel(
        booking_id=booking.pk, by=Booking.CancelledBy.STAFF, actor=programme_staff
    )

    event = AuditEvent.objects.get(action="booking.cancel")
    assert event.actor == programme_staff
    assert event.object_id == str(booking.pk)


def test_a_confirmation_queued_before_the_booking_was_cancelled_is_not_sent(session):
    from sanctuary import delivery as outbox

    booking = book(session, email="amina@example.org")
    services.booking_cancel(booking_id=booking.pk)
    confirmation = OutgoingMessage.objects.get(template="dropin_booking_confirmed")

    outbox.message_deliver(message_id=confirmation.pk)

    confirmation.refresh_from_db()
    assert confirmation.status == OutgoingMessage.Status.NOT_NEEDED


def test_a_waiting_list_message_is_not_sent_once_the_booking_is_in(session):
    from sanctuary import delivery as outbox

    services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    first = book(session)
    waiting = book(session, first_name="Yusuf", email="yusuf@example.org")
    services.booking_cancel(booking_id=first.pk)
    waitlisted = OutgoingMessage.objects.get(template="dropin_booking_waitlisted")

    outbox.message_deliver(message_id=waitlisted.pk)

    waitlisted.refresh_from_db()
    assert waitlisted.status == OutgoingMessage.Status.NOT_NEEDED
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


def test_people_are_told_kindly_when_the_team_cancels_their_booking(
    session, programme_staff, django_capture_on_commit_callbacks
):
    booking = book(session, email="amina@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(
            booking_id=booking.pk, by=Booking.CancelledBy.STAFF, actor=programme_staff
        )

    body = mail.outbox[-1].body
    assert "we have had to cancel" in body
    assert "Thank you for telling us" not in body


def test_the_audit_trail_names_a_booking_by_its_reference_only(session, programme_staff):
    from sanctuary.models import AuditEvent

    booking = book(session, first_name="Amina")
    services.booking_cancel(
        booking_id=booking.pk, by=Booking.CancelledBy.STAFF, actor=programme_staff
    )

    assert AuditEvent.objects.get(action="booking.cancel").object_repr == booking.reference
