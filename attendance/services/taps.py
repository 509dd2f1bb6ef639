"""The one-tap machinery both registers share: a drop-in session's and a performance's door.

Every tap on a tablet (check-in, walk-in, changed numbers, undo) carries an id the tablet made
up. tap_apply runs with the register's row locked (a session or a performance), so taps on one
register are applied one at a time, and answers a tap it has seen before from its
RegisterAction row instead of applying it again. That is what makes a tap sent twice after a
Wi-Fi drop-out harmless, and what lets the first of two tablets checking in one party win.

What differs between the two registers is a Door: which row it is, what a party is (a booking
or a guest ticket), and which two numbers a check-in counts (adults and children, or guests
and hosts).
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Model, QuerySet

from attendance.models import MAX_WALK_IN, CheckIn, RegisterAction
from sanctuary.models import User
from sanctuary.text import text_clean

# How far before a session or a performance a tablet's clock may say a tap happened; anything
# earlier is a clock that is wrong, and the tap is recorded as happening now.
TAP_EARLIEST_BEFORE_START = timedelta(hours=6)


@dataclass(frozen=True)
class RegisterTap:
    """What a tablet sends for one tap."""

    client_id: uuid.UUID
    kind: str
    booking_id: int | None = None
    ticket_id: int | None = None
    # The check-in to undo or change: its id, or the client id of the tap that made it (a
    # tablet that was offline knows only that).
    target: str = ""
    adults: int | None = None
    children: int | None = None
    guests: int | None = None
    hosts: int | None = None
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


class Door:
    """One register, locked: a drop-in session's or a performance's. Subclasses say what
    differs; everything else is the same for both."""

    # The field of CheckIn and RegisterAction that points at this register's row.
    field: str
    # The two numbers a check-in counts, and the field of CheckIn that holds the party.
    numbers: tuple[str, str]
    party_field: str

    def __init__(self, row: Model):
        self.row = row

    def refusal(self, happened_at: datetime) -> str:
        """Why no tap may change this register now, or ""."""
        raise NotImplementedError

    def party(self, tap: RegisterTap):
        """The booking or ticket a check-in tap names, if it is on this register."""
        raise NotImplementedError

    no_party: str  # the reason given when it is not

    def starts_at(self) -> datetime:
        return self.row.starts_at

    def check_ins(self) -> QuerySet:
        return CheckIn.objects.filter(**{self.field: self.row})

    def actions(self) -> QuerySet:
        return RegisterAction.objects.filter(**{self.field: self.row})

    def tap_numbers(self, tap: RegisterTap) -> dict:
        return {name: getattr(tap, name) for name in self.numbers}

    def after_applied(self) -> None:
        """Called once a tap changed something (the drop-in's closed numbers follow)."""


def _tap_time(door: Door, happened_at: datetime | None, now: datetime) -> datetime:
    if happened_at is None or happened_at > now:
        return now
    if happened_at < door.starts_at() - TAP_EARLIEST_BEFORE_START:
        return now
    return happened_at


def _tap_target(door: Door, target: str) -> CheckIn | None:
    """The check-in a tap means, by id or by the client id of the tap that created it."""
    target = (target or "").strip()
    if target.isascii() and target.isdigit():
        return door.check_ins().filter(pk=int(target)).first()
    try:
        client_id = uuid.UUID(target)
    except ValueError:
        return None
    action = (
        door.actions()
        .filter(
            client_id=client_id,
            outcome=RegisterAction.Outcome.APPLIED,
            kind__in=[RegisterAction.Kind.CHECK_IN, RegisterAction.Kind.WALK_IN],
        )
        .select_related("check_in")
        .first()
    )
    return action.check_in if action else None


def numbers_ok(numbers: dict) -> bool:
    """At least one person, at most MAX_WALK_IN of each kind."""
    values = list(numbers.values())
    return (
        all(value is not None and 0 <= value <= MAX_WALK_IN for value in values) and sum(values) > 0
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


# The related rows and the id of a tap or a check-in, which tap_apply has already loaded or
# looked up.
TAP_ROWS = [
    "session",
    "performance",
    "booking",
    "ticket",
    "check_in",
    "recorded_by",
    "voided_by",
    "client_id",
]


def tap_apply(*, door: Door, tap: RegisterTap, actor: User | None, station: str, now) -> TapResult:
    """Apply one tap to a register whose row the caller has locked, at most once.

    A check-in of a party that already has a live check-in is not an error: the answer says
    who checked them in and when ("already"), and nothing is written but the tap itself.
    """
    seen = (
        RegisterAction.objects.select_related(
            "check_in", "check_in__recorded_by", "check_in__booking", "check_in__ticket"
        )
        .filter(client_id=tap.client_id)
        .first()
    )
    if seen is not None:
        if getattr(seen, f"{door.field}_id") != door.row.pk:
            return TapResult(
                client_id=tap.client_id,
                kind=tap.kind,
                outcome=RegisterAction.Outcome.REFUSED,
                check_in=None,
                reason=RegisterAction.Reason.OTHER_SESSION,
            )
        return _tap_result(seen, repeat=True)

    happened_at = _tap_time(door, tap.happened_at, now)
    action = RegisterAction(
        client_id=tap.client_id,
        kind=tap.kind,
        happened_at=happened_at,
        recorded_at=now,
        recorded_by=actor,
        station=text_clean(station).strip()[:40],
        outcome=RegisterAction.Outcome.APPLIED,
        **{door.field: door.row},
    )
    refusal = door.refusal(happened_at)
    if refusal:
        pass
    elif tap.kind == RegisterAction.Kind.CHECK_IN:
        refusal = _check_in(door, action, tap)
    elif tap.kind == RegisterAction.Kind.WALK_IN:
        refusal = _walk_in(door, action, tap)
    elif tap.kind == RegisterAction.Kind.ADJUST:
        refusal = _adjust(door, action, tap)
    elif tap.kind == RegisterAction.Kind.UNDO:
        refusal = _undo(door, action, tap, now=now)
    else:
        raise ValueError(f"Unknown kind of tap: {tap.kind!r}")
    if refusal:
        action.outcome = RegisterAction.Outcome.REFUSED
        action.reason = refusal
    # The rows it points to were loaded under the lock just now, and its id was looked up above:
    # checking the fields is enough (the database still holds every constraint).
    action.full_clean(exclude=TAP_ROWS, validate_unique=False, validate_constraints=False)
    action.save()
    if not refusal:
        door.after_applied()
    return _tap_result(action)


def _check_in(door: Door, action: RegisterAction, tap: RegisterTap) -> str:
    party = door.party(tap)
    if party is None:
        return door.no_party
    live = (
        CheckIn.objects.select_related("recorded_by", door.party_field)
        .filter(**{door.party_field: party}, voided_at__isnull=True)
        .first()
    )
    if live is not None:
        action.outcome = RegisterAction.Outcome.ALREADY
        action.check_in = live
        return ""
    numbers = {
        name: getattr(party, name) if value is None else value
        for name, value in door.tap_numbers(tap).items()
    }
    if not numbers_ok(numbers):
        return RegisterAction.Reason.NUMBERS
    action.check_in = _check_in_create(door, action, party=party, numbers=numbers)
    action.detail = {door.party_field: party.reference, **numbers}
    return ""


def _walk_in(door: Door, action: RegisterAction, tap: RegisterTap) -> str:
    numbers = door.tap_numbers(tap)
    if not numbers_ok(numbers):
        return RegisterAction.Reason.NUMBERS
    action.check_in = _check_in_create(
        door,
        action,
        party=None,
        numbers=numbers,
        first_name=text_clean(tap.first_name).strip()[:60],
    )
    action.detail = numbers
    return ""


def _check_in_create(door: Door, action: RegisterAction, *, party, numbers, first_name=""):
    # A drop-in counts adults and children, a performance guests and hosts; the others are
    # nought (adults' default is one, for the drop-in).
    counts = {"adults": 0, "children": 0, "guests": 0, "hosts": 0, **numbers}
    check_in = CheckIn(
        first_name=first_name,
        arrived_at=action.happened_at,
        recorded_at=action.recorded_at,
        recorded_by=action.recorded_by,
        station=action.station,
        client_id=action.client_id,
        **{door.field: door.row, door.party_field: party},
        **counts,
    )
    # As for the tap: its rows are loaded and locked, its numbers checked, its party has no
    # live check-in (all under the register's lock); the database still holds the constraints.
    check_in.full_clean(exclude=TAP_ROWS, validate_unique=False, validate_constraints=False)
    check_in.save()
    return check_in


def _adjust(door: Door, action: RegisterAction, tap: RegisterTap) -> str:
    check_in = _tap_target(door, tap.target)
    action.check_in = check_in
    if check_in is None or not check_in.is_live:
        return RegisterAction.Reason.GONE
    numbers = door.tap_numbers(tap)
    if not numbers_ok(numbers):
        return RegisterAction.Reason.NUMBERS
    action.detail = {
        "from": [getattr(check_in, name) for name in door.numbers],
        "to": list(numbers.values()),
    }
    for name, value in numbers.items():
        setattr(check_in, name, value)
    check_in.full_clean()
    check_in.save(update_fields=list(door.numbers))
    return ""


def _undo(door: Door, action: RegisterAction, tap: RegisterTap, *, now) -> str:
    check_in = _tap_target(door, tap.target)
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
