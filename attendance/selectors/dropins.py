"""Reads for the register at the door: today's sessions, a register's bookings and walk-ins,
its totals and what changed since a tablet last asked, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from attendance import rules
from attendance.models import Attendance, CheckIn
from attendance.selectors.changes import RegisterChanges, RegisterCursor, changes_since, cursor_of
from dropins.models import LONDON, Booking, DropInSession
from dropins.rules import holds_places_q, live_q, party_expression, people_booked_sum
from dropins.selectors import sessions_with_counts
from sanctuary.codes import reference_normalise
from sanctuary.models import User


def _people_arrived():
    live = (
        CheckIn.objects.filter(session=OuterRef("pk"), voided_at__isnull=True)
        .values("session")
        .annotate(people=Sum(party_expression()))
        .values("people")
    )
    return Coalesce(Subquery(live), 0)


def register_attendance(session: DropInSession) -> Attendance | None:
    """The numbers recorded when the session's register was closed, if it is."""
    return Attendance.objects.filter(session=session).first()


def register_sessions_today(*, user: User, today=None) -> list[DropInSession]:
    """Today's sessions at the venues this person takes attendance at, with `people_booked`,
    `people_arrived` and `register_closed`. One query."""
    today = today or timezone.localdate(timezone=LONDON)
    sessions = sessions_with_counts().filter(
        rules.registers_open_to_q(user, today), date=today, series__venue__is_active=True
    )
    return list(
        sessions.annotate(
            people_arrived=_people_arrived(),
            register_closed=Exists(Attendance.objects.filter(session=OuterRef("pk"))),
        ).order_by("starts_at", "series__venue__position")
    )


def register_session_get(*, user: User, pk: int, today=None) -> DropInSession | None:
    """The session whose register this person may open: volunteers only today's at their
    venues; programme staff any session's. With `register_closed`."""
    today = today or timezone.localdate(timezone=LONDON)
    sessions = (
        DropInSession.objects.select_related("series", "series__venue")
        .filter(rules.registers_open_to_q(user, today), pk=pk)
        .annotate(register_closed=Exists(Attendance.objects.filter(session=OuterRef("pk"))))
    )
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
    people = party_expression()
    live = CheckIn.objects.filter(booking=OuterRef("pk"), voided_at__isnull=True)
    booked = Booking.objects.filter(holds_places_q(), session=session).aggregate(
        people=people_booked_sum(""),
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
        session.bookings.filter(live_q())
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


def register_cursor(session: DropInSession, *, now=None) -> RegisterCursor:
    return cursor_of(session.register_actions.all(), now=now)


def register_changes(
    session: DropInSession, *, cursor: RegisterCursor, now=None
) -> RegisterChanges:
    """What changed on the register since `cursor`: the bookings and walk-ins to show again.

    A bounded number of queries, however many changed.
    """
    return changes_since(
        actions=session.register_actions.all(),
        party_field="booking",
        parties=session.bookings.all(),
        parties_get=lambda pks: register_bookings(session, pks=pks),
        walk_ins_get=lambda pks: register_walk_ins(session, pks=pks),
        cursor=cursor,
        now=now,
    )
