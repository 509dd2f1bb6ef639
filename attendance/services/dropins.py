"""Every write about a drop-in session's register: taps from the tablets (through the shared
machinery in attendance.services.taps), closing the register, correcting its numbers, and
forgetting walk-ins' names."""

from django.db import transaction
from django.utils import timezone

from attendance.models import Attendance, CheckIn, RegisterAction
from attendance.selectors import register_totals
from attendance.services.taps import Door, RegisterTap, TapResult, tap_apply
from dropins import rules as dropin_rules
from dropins.models import DropInSession
from dropins.services import session_lock
from sanctuary.audit import values
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record


class SessionDoor(Door):
    """A drop-in session's register: bookings are the parties, adults and children counted."""

    field = "session"
    numbers = ("adults", "children")
    party_field = "booking"
    no_party = RegisterAction.Reason.NO_BOOKING

    def __init__(self, session: DropInSession):
        super().__init__(session)
        self.attendance = Attendance.objects.filter(session=session).first()

    def refusal(self, happened_at) -> str:
        if self.attendance is not None and happened_at > self.attendance.closed_at:
            return RegisterAction.Reason.CLOSED
        if self.row.is_cancelled:
            return RegisterAction.Reason.CANCELLED
        return ""

    def party(self, tap: RegisterTap):
        return self.row.bookings.filter(dropin_rules.live_q(), pk=tap.booking_id).first()

    def after_applied(self) -> None:
        if self.attendance is not None:
            # A tablet that was offline when the register closed sends what happened before:
            # the numbers follow, unless staff have already corrected them by hand.
            _attendance_recount(self.attendance)


@transaction.atomic
def register_apply(
    *, session_id: int, tap: RegisterTap, actor: User | None, station: str = "", now=None
) -> TapResult:
    """Apply one tap from a tablet to a session's register, at most once (see tap_apply)."""
    door = SessionDoor(session_lock(session_id))
    return tap_apply(door=door, tap=tap, actor=actor, station=station, now=now or timezone.now())


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
