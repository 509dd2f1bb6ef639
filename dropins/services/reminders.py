"""The day-before reminder of a booking."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dropins import rules
from dropins.messages import booking_messages
from dropins.models import Booking
from sanctuary.locks import lock_free
from sanctuary.services import messages_queue


@dataclass
class ReminderScan:
    bookings: int
    messages: int


def reminders_queue(*, now=None) -> ReminderScan:
    """Queue the day-before reminder for confirmed bookings whose session is due.

    Run by beat every few minutes. A booking made or confirmed inside the reminder window has
    just had its confirmation and gets no reminder. Set-based, so a big week goes out in one
    run, in a fixed number of queries: one reads every booking due, one marks them reminded,
    one writes their messages. Overlapping scans skip each other's rows, and each reminder's
    dedupe key means it is queued once, whatever happens.
    """
    now = now or timezone.now()
    lead = timedelta(hours=settings.DROPIN_REMINDER_HOURS_BEFORE)
    with transaction.atomic():
        due = list(
            lock_free(
                # Only what the messages need (dropins.messages.booking_recipients).
                Booking.objects.select_related("booked_by").only(
                    "email", "phone", "language", "booked_by__email", "booked_by__language"
                )
            )
            .filter(
                rules.holds_places_q(),
                rules.still_to_come_q(now, prefix="session__"),
                reminder_queued_at__isnull=True,
                session__starts_at__lte=now + lead,
                confirmed_at__lte=F("session__starts_at") - lead,
            )
            .filter(rules.reachable_q())
            .order_by("pk")
        )
        if not due:
            return ReminderScan(bookings=0, messages=0)
        Booking.objects.filter(pk__in=[booking.pk for booking in due]).update(
            reminder_queued_at=now, updated_at=now
        )
        messages = messages_queue(
            [
                message
                for booking in due
                for message in booking_messages(booking, "dropin_booking_reminder")
            ]
        )
    return ReminderScan(bookings=len(due), messages=messages)
