"""The waiting list: places freed go to the families waiting, earliest first."""

from django.utils import timezone

from dropins import rules
from dropins.messages import booking_message_queue
from dropins.models import Booking, DropInSession
from sanctuary.locks import lock_rows


def waitlist_promote(session: DropInSession) -> list[Booking]:
    """Confirm the earliest waiting bookings that fit in the places left. Call with the session
    row locked."""
    if not rules.is_still_to_come(session, timezone.now()):
        return []
    free = rules.places_left(session.capacity, rules.people_booked(session))
    promoted = []
    waiting = lock_rows(
        Booking,
        session.bookings.filter(rules.waiting_q()).values_list("pk", flat=True),
    )
    for booking in sorted(waiting.values(), key=lambda booking: (booking.created_at, booking.pk)):
        if free <= 0:
            break
        if booking.people > free:
            continue
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = timezone.now()
        booking.save(update_fields=["status", "confirmed_at", "updated_at"])
        free -= booking.people
        promoted.append(booking)
        booking_message_queue(booking, "dropin_booking_promoted")
    return promoted
