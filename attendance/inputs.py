"""What the register's forms and script send, read strictly: a tap, a batch of taps, a cursor.

Anything that is not what the register's own pages send raises BadInput, which the views answer
with a 4xx and its message; nothing is applied from a request that is not read in full.
"""

import json
import math
import uuid
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from attendance.models import RegisterAction
from attendance.selectors import RegisterCursor
from attendance.services import RegisterTap

# The most taps one request may carry; a tablet with more sends them in turns.
TAPS_PER_REQUEST = 50
# A full batch from the page's script is a few kilobytes: far more than that is not from it.
SYNC_MAX_BYTES = 64 * 1024
# The largest row id or count anything sent may name (PostgreSQL's bigint).
LARGEST_ID = 2**63 - 1
LARGEST_COUNT = 2**31 - 1

PAGE_OUT_OF_DATE = _("This page was out of date, so nothing was recorded. Please try again.")
UNREADABLE = _("The register could not read what was sent. Please reload the page.")


class BadInput(ValueError):
    """A request the register cannot read. `status` is the HTTP answer, `code` the script's."""

    def __init__(self, message=UNREADABLE, *, status: int = 400, code: str = "bad_request"):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.code = code


def text(value, length: int) -> str:
    """Text from a form, a query or the script, as PostgreSQL can store it."""
    return str(value or "").replace("\x00", "")[:length]


def count(value, default=None):
    """A whole number typed into a form, or `default` if it is not one."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return number if -LARGEST_COUNT <= number <= LARGEST_COUNT else default


def form_key_new() -> uuid.UUID:
    """The one-time key a form on the register carries; a page gives each form its own."""
    return uuid.uuid4()


# What each register's forms count, and which of a tap's fields names the party they check in.
DROPIN_NUMBERS = ("adults", "children")
DOOR_NUMBERS = ("guests", "hosts")


def form_tap(data, *, numbers=DROPIN_NUMBERS, party: str = "booking_id") -> RegisterTap:
    """The tap a form of the page without JavaScript sends.

    Its id is made from the form's one-time key and everything the form says: the same form
    sent again (a double tap, a reload, the back button and the same button) is the same tap,
    applied once; a different action sent from the same form (the back button, then another
    walk-in or other numbers) is another tap, and counts. A drop-in's forms count adults and
    children and check in bookings; a performance's count guests and hosts and check in
    tickets.
    """
    try:
        key = uuid.UUID(str(data.get("form_key", ""))[:64])
    except ValueError:
        raise BadInput(PAGE_OUT_OF_DATE) from None

    def tap_id(*what) -> uuid.UUID:
        return uuid.uuid5(key, json.dumps(what))

    if data.get("check_in"):
        party_id = count(data["check_in"])
        return RegisterTap(
            client_id=tap_id("check_in", party_id),
            kind=RegisterAction.Kind.CHECK_IN,
            **{party: party_id if party_id and party_id > 0 else None},
        )
    if data.get("undo"):
        target = text(data["undo"], 40)
        return RegisterTap(
            client_id=tap_id("undo", target), kind=RegisterAction.Kind.UNDO, target=target
        )
    if data.get("adjust"):
        target = text(data["adjust"], 40)
        values = {name: count(data.get(f"{name}-{target}")) for name in numbers}
        return RegisterTap(
            client_id=tap_id("adjust", target, *values.values()),
            kind=RegisterAction.Kind.ADJUST,
            target=target,
            **values,
        )
    if data.get("walk_in"):
        first_name = text(data.get("first_name"), 60).strip()
        values = {name: count(data.get(name)) for name in numbers}
        return RegisterTap(
            client_id=tap_id("walk_in", first_name, *values.values()),
            kind=RegisterAction.Kind.WALK_IN,
            first_name=first_name,
            **values,
        )
    raise BadInput(PAGE_OUT_OF_DATE)


def _refuse_constant(name):
    raise BadInput()


def _finite(number: str) -> float:
    value = float(number)
    if not math.isfinite(value):  # 1e400 is read as infinity
        raise BadInput()
    return value


def _json(body: bytes):
    try:
        return json.loads(body, parse_constant=_refuse_constant, parse_float=_finite)
    except (ValueError, RecursionError):
        raise BadInput() from None


def _optional(data: dict, name: str, kinds: tuple[type, ...]):
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise BadInput()
    return value


def _whole(data: dict, name: str, lowest: int, highest: int) -> int | None:
    value = _optional(data, name, (int,))
    if value is not None and not lowest <= value <= highest:
        raise BadInput()
    return value


def _instant(value: float | int | None, *, skew=timedelta(0)) -> datetime | None:
    """A time the script sends: milliseconds since 1970, from the tablet's clock."""
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC) + skew
    except (ValueError, OverflowError, OSError):
        raise BadInput() from None


def _json_tap(data, *, skew: timedelta) -> RegisterTap:
    if not isinstance(data, dict):
        raise BadInput()
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in RegisterAction.Kind.values:
        raise BadInput()
    client_id = _optional(data, "id", (str,))
    try:
        client_id = uuid.UUID(client_id[:64])
    except (TypeError, ValueError):
        raise BadInput() from None
    target = _optional(data, "target", (str, int))
    return RegisterTap(
        client_id=client_id,
        kind=kind,
        booking_id=_whole(data, "booking", 1, LARGEST_ID),
        ticket_id=_whole(data, "ticket", 1, LARGEST_ID),
        target=text(target, 40),
        adults=_whole(data, "adults", -LARGEST_COUNT, LARGEST_COUNT),
        children=_whole(data, "children", -LARGEST_COUNT, LARGEST_COUNT),
        guests=_whole(data, "guests", -LARGEST_COUNT, LARGEST_COUNT),
        hosts=_whole(data, "hosts", -LARGEST_COUNT, LARGEST_COUNT),
        first_name=text(_optional(data, "first_name", (str,)), 60),
        happened_at=_instant(_optional(data, "at", (int, float)), skew=skew),
    )


def sync_taps(*, content_type: str, length: int, read) -> tuple[str, list[RegisterTap]]:
    """The station and the taps of one batch from the page's script, all read or none.

    `read` gives the body; it is called only once the declared length is known to be small.
    """
    if content_type != "application/json":
        raise BadInput(status=415, code="unsupported_media_type")
    if length > SYNC_MAX_BYTES:
        raise BadInput(
            _("Too much was sent at once. Please reload the page."),
            status=413,
            code="too_large",
        )
    body = _json(read())
    if not isinstance(body, dict):
        raise BadInput()
    taps = body.get("taps")
    if not isinstance(taps, list) or len(taps) > TAPS_PER_REQUEST:
        raise BadInput()
    sent_at = _instant(_optional(body, "sent_at", (int, float)))
    skew = timezone.now() - sent_at if sent_at else timedelta(0)
    station = text(_optional(body, "station", (str,)), 40)
    return station, [_json_tap(one, skew=skew) for one in taps]


def changes_cursor(query, *, now: datetime) -> RegisterCursor:
    """Where a tablet's last answer about changes left it; a tablet new to the page starts
    twelve hours back."""
    after = query.get("after", "0")
    if not (after.isascii() and after.isdigit()) or int(after) > LARGEST_ID:
        raise BadInput()
    since = query.get("since")
    if since is None:
        return RegisterCursor(after=int(after), since=now - timedelta(hours=12))
    try:
        since = parse_datetime(since)
    except ValueError:
        since = None
    # A cursor is a time this server gave, with its offset: not before this century, not ahead.
    if since is None or timezone.is_naive(since):
        raise BadInput()
    try:
        if since.year < 2000 or since > now + timedelta(days=1):
            raise BadInput()
    except OverflowError:
        raise BadInput() from None
    return RegisterCursor(after=int(after), since=since)
