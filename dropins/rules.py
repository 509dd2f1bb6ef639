"""The drop-in's rules, each written once, in the two forms code needs: a Q or an expression for
selectors (many rows, in SQL), and a function for one row (services, under the session's lock).
tests/dropins/test_rules.py checks that the two forms agree on the same rows.

`prefix` lets a query reach the same rule across a relation: `bookable_q(now, prefix="session__")`
filters bookings by their session.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import LessThanOrEqual

from dropins.models import Booking, DropInSession
from sanctuary.expressions import DaysBefore

# The booking window -----------------------------------------------------------------------


def booking_opens_at(session: DropInSession) -> datetime:
    """When people can start booking: the series' number of days before the session starts.

    Counted in UTC, as the database counts it, so that both forms agree across a change of the
    clocks."""
    return session.starts_at.astimezone(UTC) - timedelta(days=session.series.booking_opens_days)


def booking_opens_at_expression(prefix: str = "") -> DaysBefore:
    return DaysBefore(F(f"{prefix}starts_at"), F(f"{prefix}series__booking_opens_days"))


def has_booking_opened(session: DropInSession, now: datetime) -> bool:
    """Its booking has opened: it is listed and its page is public (also once it has started,
    or if it is cancelled, so that nobody comes in vain)."""
    return booking_opens_at(session) <= now


def booking_opened_q(now: datetime, prefix: str = "") -> Q:
    return Q(LessThanOrEqual(booking_opens_at_expression(prefix), now))


def is_bookable(session: DropInSession, now: datetime) -> bool:
    """Open for booking: still to come, and within its series' booking window."""
    return is_still_to_come(session, now) and has_booking_opened(session, now)


def bookable_q(now: datetime, prefix: str = "") -> Q:
    return still_to_come_q(now, prefix) & booking_opened_q(now, prefix)


def is_listed(session: DropInSession, now: datetime) -> bool:
    """On the public list of drop-ins: its booking has opened and it has not started (cancelled
    ones too, so that nobody comes in vain)."""
    return has_booking_opened(session, now) and not has_started(session, now)


def listed_q(now: datetime, prefix: str = "") -> Q:
    return booking_opened_q(now, prefix) & not_started_q(now, prefix)


# A session still to come ------------------------------------------------------------------


def has_started(session: DropInSession, now: datetime) -> bool:
    """Its start time has come (whatever its status)."""
    return session.starts_at <= now


def not_started_q(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_at__gt": now})


def is_still_to_come(session: DropInSession, now: datetime) -> bool:
    """Scheduled and not started: its places can still be taken, freed and told about."""
    return session.status == DropInSession.Status.SCHEDULED and not has_started(session, now)


def still_to_come_q(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": DropInSession.Status.SCHEDULED}) & not_started_q(now, prefix)


def has_ended(session: DropInSession, now: datetime) -> bool:
    """Its end time has passed: the admin lists it with the past sessions."""
    return session.ends_at < now


def ended_q(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}ends_at__lt": now})


def is_past_keeping(session: DropInSession, now: datetime) -> bool:
    """Ended more than DROPIN_KEEP_DAYS ago: the names and contacts of who booked and who
    walked in are forgotten; the numbers stay."""
    return has_ended(session, now - timedelta(days=settings.DROPIN_KEEP_DAYS))


def past_keeping_q(now: datetime, prefix: str = "") -> Q:
    return ended_q(now - timedelta(days=settings.DROPIN_KEEP_DAYS), prefix)


def may_cancel_session(session: DropInSession, now: datetime) -> bool:
    """A session that has started cannot be cancelled: people who came must not be told not to
    come."""
    return is_still_to_come(session, now)


def cancellable_sessions_q(now: datetime, prefix: str = "") -> Q:
    return still_to_come_q(now, prefix)


# A booking that stands, one that waits, one that holds places --------------------------------


def is_live(booking: Booking) -> bool:
    """A booking stands until it is cancelled: confirmed or waiting, it is on the register and
    its contact details cannot book the same session again."""
    return booking.status != Booking.Status.CANCELLED


def live_q(prefix: str = "") -> Q:
    return ~Q(**{f"{prefix}status": Booking.Status.CANCELLED})


def is_waiting(booking: Booking) -> bool:
    """On the waiting list: takes no place, and is booked in when its people fit."""
    return booking.status == Booking.Status.WAITLISTED


def waiting_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Booking.Status.WAITLISTED})


# People booked and places left ------------------------------------------------------------


def holds_places(booking: Booking) -> bool:
    """A confirmed booking takes its people's places; waiting and cancelled ones take none."""
    return booking.status == Booking.Status.CONFIRMED


def holds_places_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Booking.Status.CONFIRMED})


def people_of(*, adults: int, children: int) -> int:
    """The people of a booking (or a check-in): adults and children count the same."""
    return adults + children


def party_expression(prefix: str = ""):
    """The same, in SQL: the people of each booking (or check-in)."""
    return F(f"{prefix}adults") + F(f"{prefix}children")


def people_sum(prefix: str, condition: Q) -> Coalesce:
    """The people of the bookings (or check-ins) that meet `condition`, as an aggregate."""
    return Coalesce(Sum(party_expression(prefix), filter=condition), 0)


def people_booked_sum(prefix: str = "bookings__", *, extra: Q | None = None) -> Coalesce:
    """The people booked (confirmed) in a session, as an annotation on sessions."""
    return people_sum(prefix, holds_places_q(prefix) & (extra or Q()))


def people_booked(session: DropInSession) -> int:
    """The people booked in one session, counted now (under the session's lock)."""
    return session.bookings.aggregate(people=people_booked_sum(""))["people"]


def places_left(capacity: int, people: int) -> int:
    """Places left from a session's places and the people booked in it (never below none)."""
    return max(capacity - people, 0)


def places_left_expression(people) -> Greatest:
    """The same, in SQL, from an expression for the people booked (e.g. F("people_booked"))."""
    return Greatest(F("capacity") - people, 0)


# A booking, from its private link -----------------------------------------------------------


def may_change_booking(booking: Booking, now: datetime) -> bool:
    """How many are coming can be changed while the booking stands and its session is open for
    booking."""
    return is_live(booking) and is_bookable(booking.session, now)


def changeable_bookings_q(now: datetime) -> Q:
    return live_q() & bookable_q(now, prefix="session__")


def may_booker_cancel(booking: Booking, now: datetime) -> bool:
    """The person who booked can cancel until the session starts (after that the place cannot
    be given to anyone, and the register keeps who came)."""
    return is_live(booking) and not has_started(booking.session, now)


def booker_cancellable_q(now: datetime) -> Q:
    return live_q() & not_started_q(now, prefix="session__")
