"""The waiting list: places freed go to the families waiting, under the fair rule
(dropins.rules.may_take_places)."""

from django.utils import timezone

from dropins import rules
from dropins.messages import booking_message_queue
from dropins.models import Booking, DropInSession
from sanctuary.locks import lock_rows


def waitlist_promote(session: DropInSession) -> list[Booking]:
    """Confirm the waiting bookings the rule lets in, earliest first: while the list goes
    strictly in order, it stops at the first one that does not fit; after that, it skips it
    and goes on. Call with the session row locked."""
    now = timezone.now()
    if not rules.is_still_to_come(session, now):
        return []
    waiting = lock_rows(
        Booking,
        session.bookings.filter(rules.waiting_q()).values_list("pk", flat=True),
    )
    if not waiting:
        return []
    free = rules.places_left(session.capacity, rules.people_booked(session))
    promoted = []
    passed = False
    for booking in sorted(waiting.values(), key=lambda booking: (booking.created_at, booking.pk)):
        if not rules.may_take_places(
            session, now, people=booking.people, free=free, passes_someone=passed
        ):
            passed = passed or rules.waits_for_places(booking, session)
            continue
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.save(update_fields=["status", "confirmed_at", "updated_at"])
        free -= booking.people
        promoted.append(booking)
        booking_message_queue(booking, "dropin_booking_promoted")
    return promoted
