"""Reads about drop-ins for the public pages and the admin, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from dropins import rules
from dropins.models import Booking, DropInSeries, DropInSession

# At or below this many places left, the public list says "few places left".
FEW_PLACES = 5


def _people_waiting(prefix: str, extra: Q | None = None):
    return rules.people_sum(prefix, rules.waiting_q(prefix) & (extra or Q()))


def sessions_with_counts() -> QuerySet[DropInSession]:
    """Sessions with `people_booked`, `people_waiting` (of whom `people_waiting_for_places` could
    fit the session at all) and `places_left`, their series and venue joined."""
    return (
        DropInSession.objects.select_related("series", "series__venue")
        .annotate(
            people_booked=rules.people_booked_sum(),
            people_waiting=_people_waiting("bookings__"),
            people_waiting_for_places=rules.people_sum(
                "bookings__", rules.waits_for_places_q("bookings__", capacity=F("capacity"))
            ),
        )
        .annotate(places_left=rules.places_left_expression(people=F("people_booked")))
    )


def series_with_coming_counts(*, now=None) -> QuerySet[DropInSeries]:
    """Series with how many scheduled sessions are coming up, and the people booked and waiting
    for them: `coming_sessions`, `coming_booked`, `coming_waiting`. One query."""
    now = now or timezone.now()
    coming = rules.still_to_come_q(now, prefix="sessions__")
    return DropInSeries.objects.select_related("venue").annotate(
        coming_sessions=Count("sessions", filter=coming, distinct=True),
        coming_booked=rules.people_booked_sum("sessions__bookings__", extra=coming),
        coming_waiting=_people_waiting("sessions__bookings__", coming),
    )


def sessions_upcoming_public(*, now=None) -> list[DropInSession]:
    """Coming sessions whose booking has opened, soonest first. Cancelled ones are listed too,
    so that nobody comes in vain. One query."""
    now = now or timezone.now()
    return list(
        sessions_with_counts()
        .filter(rules.listed_q(now), series__venue__is_active=True)
        .order_by("starts_at", "series__venue__position")
    )


def session_get_public(*, pk: int, now=None) -> DropInSession | None:
    """A session whose booking has opened (also once it has started), with its counts."""
    now = now or timezone.now()
    return (
        sessions_with_counts()
        .filter(rules.booking_opened_q(now), pk=pk, series__venue__is_active=True)
        .first()
    )


def booking_get_just_made(*, pk: int) -> Booking | None:
    """The booking this visitor has just made, for its confirmation (None once forgotten)."""
    return (
        Booking.objects.select_related("session__series__venue")
        .filter(pk=pk, anonymised_at__isnull=True)
        .first()
    )


def waitlist_of(*, session: DropInSession) -> list[Booking]:
    """A session's waiting list, in its order: who joined first comes first."""
    return list(session.bookings.filter(rules.waiting_q()).order_by("created_at", "pk"))


def bookings_with_repeated_contact() -> QuerySet[Booking]:
    """Bookings with `repeated_contact`: another live booking for the same session has the same
    email address or mobile number (dropins.rules.has_repeated_contact)."""
    return Booking.objects.annotate(repeated_contact=rules.repeated_contact_expression())


def sessions_since(*, since) -> QuerySet[DropInSession]:
    """Sessions starting from `since` on, with their series, soonest first."""
    return (
        DropInSession.objects.filter(starts_at__gte=since)
        .select_related("series")
        .order_by("starts_at")
    )


def booking_get_by_token(*, token: str) -> Booking | None:
    """The booking a private link opens, or None (also once its details are forgotten)."""
    if not token or len(token) < 40:
        return None
    return (
        Booking.objects.select_related("session", "session__series", "session__series__venue")
        .filter(token=token, anonymised_at__isnull=True)
        .first()
    )


@dataclass(frozen=True)
class Availability:
    kind: str  # "open", "few", "full", "cancelled", "closed"
    places_left: int


def availability(session: DropInSession, *, now=None) -> Availability:
    """How to describe a session's places to someone about to book, from its `people_booked`
    and `people_waiting_for_places` annotations: places kept for the waiting list are not
    theirs."""
    now = now or timezone.now()
    places_left = rules.places_left(session.capacity, session.people_booked)
    if session.people_waiting_for_places and not rules.may_take_places(
        session, now, people=1, free=places_left, passes_someone=True
    ):
        places_left = 0  # the places free are kept for the family at the head of the list
    if session.is_cancelled:
        return Availability("cancelled", 0)
    if not rules.is_still_to_come(session, now):
        return Availability("closed", 0)
    if places_left == 0:
        return Availability("full", 0)
    if places_left <= FEW_PLACES:
        return Availability("few", places_left)
    return Availability("open", places_left)


def bookings_for_partner(*, organisation) -> QuerySet[Booking]:
    """The bookings a partner organisation's workers made in the portal, newest first, with
    their session, venue and who booked (dropins.rules.partner_bookings_q)."""
    return (
        Booking.objects.filter(rules.partner_bookings_q(organisation))
        .select_related("session__series__venue", "booked_by")
        .order_by("-created_at", "-pk")
    )


def booking_get_for_partner(*, organisation, pk: int) -> Booking | None:
    """One of them, or None (another organisation's, or none at all: the same answer)."""
    return bookings_for_partner(organisation=organisation).filter(pk=pk).first()
