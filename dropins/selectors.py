"""Reads about drop-ins for the public pages and the admin, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from dropins.models import BOOKING_OPENS_DAYS_MAX, Booking, DropInSeries, DropInSession

# At or below this many places left, the public list says "few places left".
FEW_PLACES = 5


def _people(status: str):
    return Coalesce(
        Sum(
            F("bookings__adults") + F("bookings__children"),
            filter=Q(bookings__status=status),
        ),
        0,
    )


def sessions_with_counts() -> QuerySet[DropInSession]:
    """Sessions with `people_booked` and `people_waiting`, their series and venue joined."""
    return DropInSession.objects.select_related("series", "series__venue").annotate(
        people_booked=_people(Booking.Status.CONFIRMED),
        people_waiting=_people(Booking.Status.WAITLISTED),
    )


def series_with_coming_counts(*, now=None) -> QuerySet[DropInSeries]:
    """Series with how many scheduled sessions are coming up, and the people booked and waiting
    for them: `coming_sessions`, `coming_booked`, `coming_waiting`. One query."""
    now = now or timezone.now()
    coming = Q(sessions__starts_at__gt=now, sessions__status=DropInSession.Status.SCHEDULED)

    def people(status):
        return Coalesce(
            Sum(
                F("sessions__bookings__adults") + F("sessions__bookings__children"),
                filter=coming & Q(sessions__bookings__status=status),
            ),
            0,
        )

    return DropInSeries.objects.select_related("venue").annotate(
        coming_sessions=Count("sessions", filter=coming, distinct=True),
        coming_booked=people(Booking.Status.CONFIRMED),
        coming_waiting=people(Booking.Status.WAITLISTED),
    )


def sessions_upcoming_public(*, now=None) -> list[DropInSession]:
    """Coming sessions whose booking has opened, soonest first. Cancelled ones are listed too,
    so that nobody comes in vain. One query."""
    now = now or timezone.now()
    candidates = sessions_with_counts().filter(
        starts_at__gt=now,
        series__venue__is_active=True,
        # No series opens booking earlier than this (its field's limit); each row's own
        # window is checked below, on the few rows this leaves.
        starts_at__lte=now + timedelta(days=BOOKING_OPENS_DAYS_MAX),
    )
    return [
        session
        for session in candidates.order_by("starts_at", "series__venue__position")
        if session.starts_at - timedelta(days=session.series.booking_opens_days) <= now
    ]


def session_get_public(*, pk: int, now=None) -> DropInSession | None:
    now = now or timezone.now()
    session = sessions_with_counts().filter(pk=pk, series__venue__is_active=True).first()
    if session is None:
        return None
    opens = session.starts_at - timedelta(days=session.series.booking_opens_days)
    return session if opens <= now else None


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
    """How to describe a session's places, from its `people_booked` annotation."""
    now = now or timezone.now()
    places_left = max(session.capacity - session.people_booked, 0)
    if session.is_cancelled:
        return Availability("cancelled", 0)
    if session.starts_at <= now:
        return Availability("closed", 0)
    if places_left == 0:
        return Availability("full", 0)
    if places_left <= FEW_PLACES:
        return Availability("few", places_left)
    return Availability("open", places_left)
