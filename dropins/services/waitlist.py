"""The waiting list: places freed go to the families waiting, under the fair rule
(dropins.rules.may_take_places); and the counts each session keeps on its own row."""

from django.utils import timezone

from dropins import rules
from dropins.messages import booking_messages
from dropins.models import Booking, DropInSession
from sanctuary.services import messages_queue


def session_counts_add(session: DropInSession, *, booked: int = 0, waiting: int = 0) -> None:
    """Add to the people booked and the bookings waiting that the session keeps on its row
    (what dropins.rules.people_booked adds up). Call with the session's row locked, in the
    transaction that changed its bookings: every change of a booking's status or size does."""
    if not booked and not waiting:
        return
    session.booked_people += booked
    session.waiting_bookings += waiting
    DropInSession.objects.filter(pk=session.pk).update(
        booked_people=session.booked_people, waiting_bookings=session.waiting_bookings
    )


def waitlist_promote(session: DropInSession) -> list[Booking]:
    """Confirm the waiting bookings the rule lets in, earliest first: while the list goes
    strictly in order, it stops at the first one that does not fit; after that, it skips it
    and goes on. Call with the session row locked."""
    return waitlist_settle(session)[0]


def waitlist_settle(session: DropInSession) -> tuple[list[Booking], list[Booking]]:
    """As waitlist_promote, and also return who still waits (locked, in the list's order).
    Nobody waiting costs no query at all."""
    now = timezone.now()
    if not session.waiting_bookings or not rules.is_still_to_come(session, now):
        return [], []
    # Locked in key order, like every row lock (sanctuary.locks), in one query.
    waiting = list(
        session.bookings.filter(rules.waiting_q())
        .select_related("booked_by")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    free = rules.places_left(session.capacity, session.booked_people)
    promoted, still_waiting = [], []
    passed = False
    for booking in sorted(waiting, key=lambda booking: (booking.created_at, booking.pk)):
        if not rules.may_take_places(
            session, now, people=booking.people, free=free, passes_someone=passed
        ):
            passed = passed or rules.waits_for_places(booking, session)
            still_waiting.append(booking)
            continue
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
        booking.updated_at = now
        free -= booking.people
        promoted.append(booking)
    if promoted:
        Booking.objects.filter(pk__in=[booking.pk for booking in promoted]).update(
            status=Booking.Status.CONFIRMED, confirmed_at=now, updated_at=now
        )
        session_counts_add(
            session,
            booked=sum(booking.people for booking in promoted),
            waiting=-len(promoted),
        )
        messages_queue(
            [
                message
                for booking in promoted
                for message in booking_messages(booking, "dropin_booking_promoted")
            ]
        )
    return promoted, still_waiting
