"""Reads about drop-ins for the public pages and the admin, each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from dropins.models import (
    BOOKING_OPENS_DAYS_MAX,
    LONDON,
    Attendance,
    Booking,
    CheckIn,
    DropInSeries,
    DropInSession,
)
from sanctuary.codes import reference_normalise
from sanctuary.models import User

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


# Attendance at the door -----------------------------------------------------------------------


def _register_all_venues(user: User) -> bool:
    # Programme staff look after every venue; volunteers only the venues they are given.
    return user.has_perm("dropins.view_dropinsession")


def _people_arrived():
    live = (
        CheckIn.objects.filter(session=OuterRef("pk"), voided_at__isnull=True)
        .values("session")
        .annotate(people=Sum(F("adults") + F("children")))
        .values("people")
    )
    return Coalesce(Subquery(live), 0)


def register_sessions_today(*, user: User, today=None) -> list[DropInSession]:
    """Today's sessions at the venues this person takes attendance at, with `people_booked`,
    `people_arrived` and `register_closed`. One query."""
    today = today or timezone.localdate(timezone=LONDON)
    sessions = sessions_with_counts().filter(date=today, series__venue__is_active=True)
    if not _register_all_venues(user):
        sessions = sessions.filter(series__venue__in=user.venues.all())
    return list(
        sessions.annotate(
            people_arrived=_people_arrived(),
            register_closed=Exists(Attendance.objects.filter(session=OuterRef("pk"))),
        ).order_by("starts_at", "series__venue__position")
    )


def register_session_get(*, user: User, pk: int, today=None) -> DropInSession | None:
    """The session whose register this person may open: volunteers only today's at their
    venues; programme staff any session's. With `register_closed`."""
    sessions = (
        DropInSession.objects.select_related("series", "series__venue")
        .filter(pk=pk)
        .annotate(register_closed=Exists(Attendance.objects.filter(session=OuterRef("pk"))))
    )
    if not _register_all_venues(user):
        today = today or timezone.localdate(timezone=LONDON)
        sessions = sessions.filter(date=today, series__venue__in=user.venues.all())
    return sessions.first()


@dataclass(frozen=True)
class RegisterTotals:
    capacity: int
    booked_people: int
    booked_bookings: int
    arrived_people: int
    walk_in_people: int
    children: int
    expected_people: int  # booked (confirmed) and not here yet
    no_show_bookings: int

    @property
    def on_site(self) -> int:
        return self.arrived_people + self.walk_in_people

    @property
    def places_left(self) -> int:
        """Places not taken by people here or booked people still to come (may be negative)."""
        return self.capacity - self.on_site - self.expected_people

    @property
    def over_by(self) -> int:
        return max(-self.places_left, 0)


def register_totals(session: DropInSession) -> RegisterTotals:
    """The register's numbers. Two queries."""
    people = F("adults") + F("children")
    live = CheckIn.objects.filter(booking=OuterRef("pk"), voided_at__isnull=True)
    booked = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).aggregate(
        people=Coalesce(Sum(people), 0),
        bookings=Count("pk"),
        expected=Coalesce(Sum(people, filter=~Exists(live)), 0),
        no_shows=Count("pk", filter=~Exists(live)),
    )
    here = CheckIn.objects.filter(session=session, voided_at__isnull=True).aggregate(
        arrived=Coalesce(Sum(people, filter=Q(booking__isnull=False)), 0),
        walk_ins=Coalesce(Sum(people, filter=Q(booking__isnull=True)), 0),
        children=Coalesce(Sum("children"), 0),
    )
    return RegisterTotals(
        capacity=session.capacity,
        booked_people=booked["people"],
        booked_bookings=booked["bookings"],
        arrived_people=here["arrived"],
        walk_in_people=here["walk_ins"],
        children=here["children"],
        expected_people=booked["expected"],
        no_show_bookings=booked["no_shows"],
    )


def _live_check_ins():
    return Prefetch(
        "check_ins",
        queryset=CheckIn.objects.filter(voided_at__isnull=True).select_related("recorded_by"),
        to_attr="live_check_ins",
    )


def register_bookings(session: DropInSession, *, search: str = "", pks=None) -> list[Booking]:
    """The bookings on a session's register (booked and waiting, not cancelled), by name, each
    with `live_check_in` (or None). Two queries, however many bookings."""
    bookings = (
        session.bookings.exclude(status=Booking.Status.CANCELLED)
        .prefetch_related(_live_check_ins())
        .order_by(Lower("first_name"), "reference")
    )
    if pks is not None:
        bookings = bookings.filter(pk__in=pks)
    search = search.strip()
    if search:
        bookings = bookings.filter(
            Q(first_name__icontains=search) | Q(reference=reference_normalise(search))
        )
    found = list(bookings)
    for booking in found:
        booking.live_check_in = booking.live_check_ins[0] if booking.live_check_ins else None
    return found


def register_walk_ins(session: DropInSession, *, pks=None) -> list[CheckIn]:
    """The session's walk-ins still counted (not undone), in the order they came. One query."""
    walk_ins = session.check_ins.filter(booking__isnull=True).select_related("recorded_by")
    if pks is not None:
        return list(walk_ins.filter(pk__in=pks))
    return list(walk_ins.filter(voided_at__isnull=True))


@dataclass(frozen=True)
class RegisterCursor:
    """Where a tablet's picture of the register is up to: the last tap it has seen, and when it
    last asked (for bookings made or changed since)."""

    after: int
    since: datetime


# Bookings are stamped when they are written but show only once committed: ask again for a
# little while back, so that none is missed (sending a row twice is harmless).
CHANGES_OVERLAP = timedelta(seconds=30)


def register_cursor(session: DropInSession, *, now=None) -> RegisterCursor:
    last = session.register_actions.aggregate(last=Max("pk"))["last"] or 0
    return RegisterCursor(after=last, since=now or timezone.now())


@dataclass(frozen=True)
class RegisterChanges:
    cursor: RegisterCursor
    bookings: list[Booking]
    bookings_gone: set[int]  # no longer on the register (cancelled): tablets drop them
    walk_ins: list[CheckIn]


def register_changes(
    session: DropInSession, *, cursor: RegisterCursor, now=None
) -> RegisterChanges:
    """What changed on the register since `cursor`: the bookings and walk-ins to show again.

    A bounded number of queries, however many changed.
    """
    now = now or timezone.now()
    # The last tap first, then the taps up to it: a tap committed in between is left for the
    # next time rather than skipped.
    last = max(register_cursor(session).after, cursor.after)
    taps = session.register_actions.filter(
        pk__gt=cursor.after, pk__lte=last, check_in__isnull=False
    ).values_list("check_in_id", "check_in__booking_id")
    booking_ids, walk_in_ids = set(), set()
    for check_in_id, booking_id in taps:
        if booking_id:
            booking_ids.add(booking_id)
        else:
            walk_in_ids.add(check_in_id)
    booking_ids |= set(
        session.bookings.filter(updated_at__gte=cursor.since - CHANGES_OVERLAP).values_list(
            "pk", flat=True
        )
    )
    bookings = register_bookings(session, pks=booking_ids) if booking_ids else []
    return RegisterChanges(
        cursor=RegisterCursor(after=last, since=now),
        bookings=bookings,
        bookings_gone=booking_ids - {booking.pk for booking in bookings},
        walk_ins=register_walk_ins(session, pks=walk_in_ids) if walk_in_ids else [],
    )
