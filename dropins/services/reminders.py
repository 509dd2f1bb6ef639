"""The day-before reminder of a booking."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dropins import rules
from dropins.messages import booking_message_queue
from dropins.models import Booking
from sanctuary.locks import lock_free


@dataclass
class ReminderScan:
    bookings: int
    messages: int


def reminders_queue(*, now=None) -> ReminderScan:
    """Queue the day-before reminder for confirmed bookings whose session is due.

    Run by beat every few minutes. A booking made or confirmed inside the reminder window has
    just had its confirmation and gets no reminder. Overlapping scans skip each other's rows,
    and each reminder's dedupe key means it is queued once, whatever happens.
    """
    now = now or timezone.now()
    lead = timedelta(hours=settings.DROPIN_REMINDER_HOURS_BEFORE)
    bookings = messages = 0
    with transaction.atomic():
        due = (
            lock_free(Booking.objects.all())
            .filter(
                rules.holds_places_q(),
                rules.still_to_come_q(now, prefix="session__"),
                reminder_queued_at__isnull=True,
                session__starts_at__lte=now + lead,
                confirmed_at__lte=F("session__starts_at") - lead,
            )
            .filter(rules.reachable_q())
            .order_by("pk")[: settings.DROPIN_REMINDER_BATCH]
        )
        for booking in due:
            messages += len(booking_message_queue(booking, "dropin_booking_reminder"))
            booking.reminder_queued_at = now
            booking.save(update_fields=["reminder_queued_at", "updated_at"])
            bookings += 1
    return ReminderScan(bookings=bookings, messages=messages)
