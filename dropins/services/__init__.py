"""Every write about drop-ins, one module per part of it. Callers use `from dropins import
services` and the names below, whichever module holds them."""

from dropins.services.bookings import (
    BookingError,
    booking_cancel,
    booking_change,
    booking_create,
)
from dropins.services.reminders import ReminderScan, reminders_queue
from dropins.services.retention import bookings_anonymise
from dropins.services.sessions import (
    series_save,
    session_cancel,
    session_capacity_set,
    session_lock,
    sessions_generate,
    waitlists_fill,
)
from dropins.services.waitlist import waitlist_promote

__all__ = [
    "BookingError",
    "ReminderScan",
    "booking_cancel",
    "booking_change",
    "booking_create",
    "bookings_anonymise",
    "reminders_queue",
    "series_save",
    "session_cancel",
    "session_capacity_set",
    "session_lock",
    "sessions_generate",
    "waitlist_promote",
    "waitlists_fill",
]
