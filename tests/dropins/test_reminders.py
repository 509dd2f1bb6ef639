"""The day-before reminder: found by beat's scan, sent at most once, and never for a booking
or session that is cancelled."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dropins import services
from dropins.models import Booking, DropInSession
from sanctuary import delivery as outbox
from sanctuary.models import OutgoingMessage
from tests.dropins.conftest import book, make_series
from tests.dropins.test_races import race

pytestmark = pytest.mark.instants


@pytest.fixture
def next_week(series) -> DropInSession:
    """A session a week or more ahead: bookings made now are well before its reminder."""
    return (
        series.sessions.filter(starts_at__gt=timezone.now() + timedelta(days=6))
        .order_by("starts_at")
        .first()
    )


def the_day_before(session: DropInSession):
    return session.starts_at - timedelta(hours=23)


def reminders() -> list[OutgoingMessage]:
    return list(OutgoingMessage.objects.filter(template="dropin_booking_reminder"))


def test_the_scan_queues_one_reminder_per_contact_the_day_before(next_week):
    booking = book(next_week, email="amina@example.org", phone="+447911123456", language="fa")

    scan = services.reminders_queue(now=the_day_before(next_week))

    assert (scan.bookings, scan.messages) == (1, 2)
    assert {(m.channel, m.language) for m in reminders()} == {("email", "fa"), ("sms", "fa")}
    booking.refresh_from_db()
    assert booking.reminder_queued_at is not None


def test_no_reminder_before_the_lead_time(next_week, settings):
    settings.DROPIN_REMINDER_HOURS_BEFORE = 24
    book(next_week, email="amina@example.org")

    services.reminders_queue(now=next_week.starts_at - timedelta(hours=25))

    assert reminders() == []


def test_the_lead_time_is_a_setting(next_week, settings):
    settings.DROPIN_REMINDER_HOURS_BEFORE = 48
    book(next_week, email="amina@example.org")

    services.reminders_queue(now=next_week.starts_at - timedelta(hours=47))

    assert len(reminders()) == 1


def test_running_the_scan_twice_sends_once(next_week):
    book(next_week, email="amina@example.org")

    services.reminders_queue(now=the_day_before(next_week))
    services.reminders_queue(now=the_day_before(next_week) + timedelta(minutes=10))

    assert len(reminders()) == 1


def test_a_reminder_queued_twice_is_one_message(next_week):
    """Even if the booking's mark were lost, the dedupe key keeps it to one message."""
    booking = book(next_week, email="amina@example.org")
    services.reminders_queue(now=the_day_before(next_week))
    Booking.objects.filter(pk=booking.pk).update(reminder_queued_at=None)

    services.reminders_queue(now=the_day_before(next_week))

    assert len(reminders()) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_overlapping_scans_send_each_reminder_once():
    series = make_series()
    session = series.sessions.filter(starts_at__gt=timezone.now() + timedelta(days=6)).order_by(
        "starts_at"
    )[0]
    for index in range(20):
        book(session, first_name=f"Person {index}", email=f"person{index}@example.org")

    results = race(lambda index: services.reminders_queue(now=the_day_before(session)), 6)

    assert not [result for result in results if isinstance(result, Exception)]
    assert sum(result.bookings for result in results) == 20  # each booking scanned once
    keys = list(
        OutgoingMessage.objects.filter(template="dropin_booking_reminder").values_list(
            "recipient", flat=True
        )
    )
    assert sorted(keys) == sorted(f"person{index}@example.org" for index in range(20))


def test_no_reminder_for_a_cancelled_booking(next_week):
    booking = book(next_week, email="amina@example.org")
    services.booking_cancel(booking_id=booking.pk)

    services.reminders_queue(now=the_day_before(next_week))

    assert reminders() == []


def test_no_reminder_for_a_cancelled_session(next_week):
    book(next_week, email="amina@example.org")
    # The session alone: its bookings still say confirmed.
    DropInSession.objects.filter(pk=next_week.pk).update(status=DropInSession.Status.CANCELLED)

    services.reminders_queue(now=the_day_before(next_week))

    assert reminders() == []


def test_no_reminder_for_someone_still_waiting(next_week):
    services.session_capacity_set(session_id=next_week.pk, capacity=1, actor=None)
    book(next_week)
    book(next_week, first_name="Yusuf", email="yusuf@example.org")

    services.reminders_queue(now=the_day_before(next_week))

    assert reminders() == []


def test_no_reminder_for_a_booking_made_the_day_before(next_week):
    """They have just had their confirmation."""
    booking = book(next_week, email="amina@example.org")
    Booking.objects.filter(pk=booking.pk).update(confirmed_at=the_day_before(next_week))

    services.reminders_queue(now=the_day_before(next_week) + timedelta(minutes=5))

    assert reminders() == []


def test_a_reminder_queued_before_the_booking_was_cancelled_is_not_sent(next_week):
    booking = book(next_week, email="amina@example.org")
    services.reminders_queue(now=the_day_before(next_week))
    (reminder,) = reminders()
    services.booking_cancel(booking_id=booking.pk)

    outbox.message_deliver(message_id=reminder.pk)

    reminder.refresh_from_db()
    assert reminder.status == OutgoingMessage.Status.NOT_NEEDED
    assert not [m for m in mail.outbox if "reminder" in m.subject.lower()]


def test_a_reminder_queued_before_the_session_was_cancelled_is_not_sent(next_week):
    book(next_week, email="amina@example.org")
    services.reminders_queue(now=the_day_before(next_week))
    (reminder,) = reminders()
    DropInSession.objects.filter(pk=next_week.pk).update(status=DropInSession.Status.CANCELLED)

    outbox.message_deliver(message_id=reminder.pk)

    reminder.refresh_from_db()
    assert reminder.status == OutgoingMessage.Status.NOT_NEEDED


def test_the_reminder_says_when_and_where_in_the_bookers_language(next_week):
    booking = book(next_week, email="amina@example.org", language="uk")
    services.reminders_queue(now=the_day_before(next_week))
    (reminder,) = reminders()

    outbox.message_deliver(message_id=reminder.pk)

    (sent,) = mail.outbox
    assert booking.reference in sent.body
    assert "10:30" in sent.body
    assert f"/uk/drop-in/booking/{booking.token}/" in sent.body
    assert sent.extra_headers["Content-Language"] == "uk"


def test_reminders_are_scanned_by_beat(settings):
    assert settings.CELERY_BEAT_SCHEDULE["dropins-reminders"]["task"] == (
        "dropins.tasks.reminders_queue"
    )
