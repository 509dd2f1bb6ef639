"""Every write about the register at the door: taps from the tablets, closing the register,
correcting its numbers, and forgetting walk-ins' names.

Every tap on a tablet (check-in, walk-in, changed numbers, undo) carries an id the tablet made
up. register_apply locks the session's row, so taps on one session are applied one at a time,
and answers a tap it has seen before from its RegisterAction row instead of applying it again.
That is what makes a tap sent twice after a Wi-Fi drop-out harmless, and what lets the first
of two tablets checking in one family win.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from attendance.models import MAX_WALK_IN, Attendance, CheckIn, RegisterAction
from attendance.selectors import register_totals
from dropins import rules as dropin_rules
from dropins.models import DropInSession
from dropins.services import session_lock
from sanctuary.audit import values
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record
from sanctuary.text import text_clean

# How far before a session a tablet's clock may say a tap happened; anything earlier is a clock
# that is wrong, and the tap is recorded as happening now.
TAP_EARLIEST_BEFORE_START = timedelta(hours=6)


@dataclass(frozen=True)
class RegisterTap:
    """What a tablet sends for one tap."""

    client_id: uuid.UUID
    kind: str
    booking_id: int | None = None
    # The check-in to undo or change: its id, or the client id of the tap that made it (a
    # tablet that was offline knows only that).
    target: str = ""
    adults: int | None = None
    children: int | None = None
    first_name: str = ""
    happened_at: datetime | None = None


@dataclass(frozen=True)
class TapResult:
    client_id: uuid.UUID
    kind: str
    outcome: str
    check_in: CheckIn | None
    reason: str = ""
    # True when the tap's id had been seen before: the answer is the first one's, and nothing
    # was written this time. recorded_at is when the first one was recorded.
    repeat: bool = False
    recorded_at: datetime | None = None

    @property
    def applied(self) -> bool:
        return self.outcome == RegisterAction.Outcome.APPLIED


def _tap_time(session: DropInSession, happened_at: datetime | None, now: datetime) -> datetime:
    if happened_at is None or happened_at > now:
        return now
    if happened_at < session.starts_at - TAP_EARLIEST_BEFORE_START:
        return now
    return happened_at


def _tap_target(session: DropInSession, target: str) -> CheckIn | None:
    """The check-in a tap means, by id or by the client id of the tap that created it."""
    target = (target or "").strip()
    if target.isascii() and target.isdigit():
        return session.check_ins.filter(pk=int(target)).first()
    try:
        client_id = uuid.UUID(target)
    except ValueError:
        return None
    action = (
        session.register_actions.filter(
            client_id=client_id,
            outcome=RegisterAction.Outcome.APPLIED,
            kind__in=[RegisterAction.Kind.CHECK_IN, RegisterAction.Kind.WALK_IN],
        )
        .select_related("check_in")
        .first()
    )
    return action.check_in if action else None


def _numbers_ok(adults, children) -> bool:
    return (
        adults is not None
        and children is not None
        and 0 <= adults <= MAX_WALK_IN
        and 0 <= children <= MAX_WALK_IN
        and dropin_rules.people_of(adults=adults, children=children) > 0
    )


def _tap_result(action: RegisterAction, *, repeat: bool = False) -> TapResult:
    return TapResult(
        client_id=action.client_id,
        kind=action.kind,
        outcome=action.outcome,
        check_in=action.check_in,
        reason=action.reason,
        repeat=repeat,
        recorded_at=action.recorded_at,
    )


# The related rows and the id of a tap or a check-in, which register_apply has already loaded
# or looked up.
TAP_ROWS = ["session", "booking", "check_in", "recorded_by", "voided_by", "client_id"]


@transaction.atomic
def register_apply(
    *, session_id: int, tap: RegisterTap, actor: User | None, station: str = "", now=None
) -> TapResult:
    """Apply one tap from a tablet to a session's register, at most once.

    A check-in of a booking that already has a live check-in is not an error: the answer says
    who checked them in and when ("already"), and nothing is written but the tap itself.
    """
    now = now or timezone.now()
    session = session_lock(session_id)
    seen = (
        RegisterAction.objects.select_related(
            "check_in", "check_in__recorded_by", "check_in__booking"
        )
        .filter(client_id=tap.client_id)
        .first()
    )
    if seen is not None:
        if seen.session_id != session.pk:
            return TapResult(
                client_id=tap.client_id,
                kind=tap.kind,
                outcome=RegisterAction.Outcome.REFUSED,
                check_in=None,
                reason=RegisterAction.Reason.OTHER_SESSION,
            )
        return _tap_result(seen, repeat=True)

    happened_at = _tap_time(session, tap.happened_at, now)
    action = RegisterAction(
        client_id=tap.client_id,
        session=session,
        kind=tap.kind,
        happened_at=happened_at,
        recorded_at=now,
        recorded_by=actor,
        station=text_clean(station).strip()[:40],
        outcome=RegisterAction.Outcome.APPLIED,
    )
    refusal = ""
    attendance = Attendance.objects.filter(session=session).first()
    if attendance is not None and happened_at > attendance.closed_at:
        refusal = RegisterAction.Reason.CLOSED
    elif session.is_cancelled:
        refusal = RegisterAction.Reason.CANCELLED
    elif tap.kind == RegisterAction.Kind.CHECK_IN:
        refusal = _check_in(action, tap)
    elif tap.kind == RegisterAction.Kind.WALK_IN:
        refusal = _walk_in(action, tap)
    elif tap.kind == RegisterAction.Kind.ADJUST:
        refusal = _adjust(action, tap)
    elif tap.kind == RegisterAction.Kind.UNDO:
        refusal = _undo(action, tap, now=now)
    else:
        raise ValueError(f"Unknown kind of tap: {tap.kind!r}")
    if refusal:
        action.outcome = RegisterAction.Outcome.REFUSED
        action.reason = refusal
    # The rows it points to were loaded under the lock just now, and its id was looked up above:
    # checking the fields is enough (the database still holds every constraint).
    action.full_clean(exclude=TAP_ROWS, validate_unique=False, validate_constraints=False)
    action.save()
    if attendance is not None and not refusal:
        # A tablet that was offline when the register closed sends what happened before: the
        # numbers follow, unless staff have already corrected them by hand.
        _attendance_recount(attendance)
    return _tap_result(action)


def _check_in(action: RegisterAction, tap: RegisterTap) -> str:
    session = action.session
    booking = session.bookings.filter(dropin_rules.live_q(), pk=tap.booking_id).first()
    if booking is None:
        return RegisterAction.Reason.NO_BOOKING
    live = (
        CheckIn.objects.select_related("recorded_by", "booking")
        .filter(booking=booking, voided_at__isnull=True)
        .first()
    )
    if live is not None:
        action.outcome = RegisterAction.Outcome.ALREADY
        action.check_in = live
        return ""
    adults = booking.adults if tap.adults is None else tap.adults
    children = booking.children if tap.children is None else tap.children
    if not _numbers_ok(adults, children):
        return RegisterAction.Reason.NUMBERS
    action.check_in = _check_in_create(action, booking=booking, adults=adults, children=children)
    action.detail = {"booking": booking.reference, "adults": adults, "children": children}
    return ""


def _walk_in(action: RegisterAction, tap: RegisterTap) -> str:
    if not _numbers_ok(tap.adults, tap.children):
        return RegisterAction.Reason.NUMBERS
    action.check_in = _check_in_create(
        action,
        booking=None,
        adults=tap.adults,
        children=tap.children,
        first_name=text_clean(tap.first_name).strip()[:60],
    )
    action.detail = {"adults": tap.adults, "children": tap.children}
    return ""


def _check_in_create(action: RegisterAction, *, booking, adults, children, first_name=""):
    check_in = CheckIn(
        session=action.session,
        booking=booking,
        first_name=first_name,
        adults=adults,
        children=children,
        arrived_at=action.happened_at,
        recorded_at=action.recorded_at,
        recorded_by=action.recorded_by,
        station=action.station,
        client_id=action.client_id,
    )
    # As for the tap: its rows are loaded and locked, its numbers checked, its booking has no
    # live check-in (all under the session lock); the database still holds the constraints.
    check_in.full_clean(exclude=TAP_ROWS, validate_unique=False, validate_constraints=False)
    check_in.save()
    return check_in


def _adjust(action: RegisterAction, tap: RegisterTap) -> str:
    check_in = _tap_target(action.session, tap.target)
    action.check_in = check_in
    if check_in is None or not check_in.is_live:
        return RegisterAction.Reason.GONE
    if not _numbers_ok(tap.adults, tap.children):
        return RegisterAction.Reason.NUMBERS
    action.detail = {
        "from": [check_in.adults, check_in.children],
        "to": [tap.adults, tap.children],
    }
    check_in.adults, check_in.children = tap.adults, tap.children
    check_in.full_clean()
    check_in.save(update_fields=["adults", "children"])
    return ""


def _undo(action: RegisterAction, tap: RegisterTap, *, now) -> str:
    check_in = _tap_target(action.session, tap.target)
    action.check_in = check_in
    if check_in is None:
        return RegisterAction.Reason.NOTHING
    if not check_in.is_live:
        action.outcome = RegisterAction.Outcome.ALREADY
        return ""
    check_in.voided_at = now
    check_in.voided_by = action.recorded_by
    check_in.save(update_fields=["voided_at", "voided_by"])
    return ""


@transaction.atomic
def register_close(*, session_id: int, actor: User | None) -> Attendance:
    """Record the session's numbers and close its register. Closing twice changes nothing."""
    session = session_lock(session_id)
    existing = Attendance.objects.filter(session=session).first()
    if existing is not None:
        return existing
    attendance = Attendance(session=session, closed_at=timezone.now(), closed_by=actor)
    _attendance_count(attendance, register_totals(session))
    attendance.full_clean()
    attendance.save()
    audit_record(
        actor=actor, action="attendance.close", obj=session, detail=attendance_numbers(attendance)
    )
    return attendance


def _attendance_count(attendance: Attendance, totals) -> None:
    attendance.booked_people = totals.booked_people
    attendance.attended_people = totals.arrived_people
    attendance.no_show_bookings = totals.no_show_bookings
    attendance.walk_in_people = totals.walk_in_people
    attendance.children = totals.children


def _attendance_recount(attendance: Attendance) -> None:
    if attendance.corrected_at is not None:
        return
    _attendance_count(attendance, register_totals(attendance.session))
    attendance.save(update_fields=list(ATTENDANCE_NUMBERS))


ATTENDANCE_NUMBERS = (
    "booked_people",
    "attended_people",
    "no_show_bookings",
    "walk_in_people",
    "children",
)


def attendance_numbers(attendance: Attendance) -> dict[str, int]:
    return {name: getattr(attendance, name) for name in ATTENDANCE_NUMBERS}


@transaction.atomic
def attendance_correct(*, attendance_id: int, actor: User | None, **numbers: int) -> Attendance:
    """Staff correct a closed register's numbers; each change is in the audit trail."""
    attendance = lock_row(Attendance.objects.select_related("session"), attendance_id)
    before = values(attendance, ATTENDANCE_NUMBERS)
    for name, value in numbers.items():
        if name not in ATTENDANCE_NUMBERS:
            raise TypeError(f"Not an attendance number: {name}")
        setattr(attendance, name, value)
    attendance.full_clean()
    after = values(attendance, ATTENDANCE_NUMBERS)
    if after == before:
        return attendance
    attendance.corrected_at = timezone.now()
    attendance.save()
    audit_record(
        actor=actor,
        action="attendance.correct",
        obj=attendance.session,
        before=before,
        after=after,
    )
    return attendance


def walk_ins_anonymise(*, now=None) -> int:
    """Forget the names walk-ins gave once their session is DROPIN_KEEP_DAYS past, as bookings'
    names are forgotten (see dropins.services.bookings_anonymise). Their numbers stay."""
    now = now or timezone.now()
    return (
        CheckIn.objects.filter(
            dropin_rules.past_keeping_q(now, prefix="session__"), booking__isnull=True
        )
        .exclude(first_name="")
        .update(first_name="")
    )
