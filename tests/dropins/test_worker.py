"""Beat's reminder scan on a real Celery worker, through the real Redis broker."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dropins.models import Booking
from dropins.tasks import reminders_queue
from sanctuary import sms
from sanctuary.models import OutgoingMessage
from tests.conftest import TASKS_FINISHED, wait_for_the_worker
from tests.dropins.conftest import book, make_series

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_the_scheduled_scan_sends_the_reminder_through_the_worker(worker, settings):
    series = make_series()
    tomorrow = series.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at")[0]
    booking = book(tomorrow, email="amina@example.org", phone="+447911123456", language="ar")
    # Booked well before the reminder window.
    Booking.objects.filter(pk=booking.pk).update(confirmed_at=timezone.now() - timedelta(days=3))
    settings.DROPIN_REMINDER_HOURS_BEFORE = 48

    reminders_queue.delay()
    reminders_queue.delay()  # beat fired twice: still one reminder each

    sent = OutgoingMessage.objects.filter(
        template="dropin_booking_reminder", status=OutgoingMessage.Status.SENT
    )
    # Once both scans are done, every reminder they queued is there; then wait for the sending.
    wait_for_the_worker(
        lambda: TASKS_FINISHED[reminders_queue.name] == 2 and sent.count() >= 2,
        what="two scans and two reminders sent",
    )
    assert sent.count() == 2
    assert OutgoingMessage.objects.filter(template="dropin_booking_reminder").count() == 2
    # The confirmation when booking, then the one reminder.
    assert [m.to for m in mail.outbox] == [["amina@example.org"]] * 2
    assert [m["to"] for m in sms.outbox] == ["+447911123456"] * 2
    assert booking.reference in mail.outbox[1].body
