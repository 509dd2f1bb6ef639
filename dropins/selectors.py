"""Reads about drop-ins for the public pages and the admin, each in a fixed number of queries."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from dropins import rules
from dropins.models import Booking, DropInSeries, DropInSession
from sanctuary.prepared import PreparedQuery

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
            people_waiting_for_places=_people_waiting_for_places(),
        )
        .annotate(places_left=rules.places_left_expression(people=F("people_booked")))
    )


def _people_waiting_for_places():
    return rules.people_sum(
        "bookings__", rules.waits_for_places_q("bookings__", capacity=F("capacity"))
    )


# What the public pages read fresh for every request to know a session's state (the key of its
# cached page): the session's own fields, its maintained count of people booked (the count the
# booking itself reads under the session's lock) and its series' booking window; not every
# translation of the series' and venue's words, which the page needs only when it is rendered.
STATE_VALUES = (
    "pk",
    "series_id",
    "date",
    "starts_at",
    "ends_at",
    "capacity",
    "status",
    "cancel_reason",
    "booked_people",
    "series__booking_opens_days",
    "interpreter_languages_json",
    "people_waiting_for_places",
)


def _states(*, pk: int | None, day: date):
    """Sessions that may be listed (or, with `pk`, opened) at some instant of `day` (UTC): a
    bound that holds for the whole day, so that the query is compiled once a day; the exact
    rule is applied to its rows."""
    first = datetime.combine(day, time.min, tzinfo=UTC)
    last = first + timedelta(days=1)
    sessions = DropInSession.objects.filter(
        rules.booking_opened_q(last), series__venue__is_active=True
    )
    coming = rules.not_started_q(first) if pk is None else Q(pk=pk)
    sessions = sessions.filter(coming)
    return (
        sessions.annotate(
            people_waiting_for_places=_people_waiting_for_places_of_each(),
            # As text: the prepared cursor reads rows in binary, which would decode it twice.
            interpreter_languages_json=Cast("series__interpreter_languages", TextField()),
        )
        .order_by("starts_at", "series__venue__position")
        .values_list(*STATE_VALUES)
    )


def _people_waiting_for_places_of_each():
    """people_waiting_for_places without joining every session's bookings: only a session
    whose maintained count of waiting bookings is not 0 (the count the booking itself asks)
    has its waiting list added up."""
    waiting = (
        Booking.objects.filter(
            rules.waits_for_places_q(capacity=OuterRef("capacity")), session=OuterRef("pk")
        )
        .values("session")
        .annotate(people=Sum(rules.party_expression()))
        .values("people")
    )
    return Case(
        When(waiting_bookings=0, then=Value(0)),
        default=Coalesce(Subquery(waiting), Value(0)),
    )


# The rows are kept in each process until PostgreSQL says a booking, session, series or venue
# changed (the triggers of migration 0011 notify STATE_CHANNEL when a statement commits).
STATE_CHANNEL = "dropins_state"
_STATES = PreparedQuery(lambda pk, day: _states(pk=pk, day=day), kept_until=STATE_CHANNEL)


@dataclass(frozen=True)
class SeriesWindow:
    """What a session's state and its booking form need of its series."""

    pk: int
    booking_opens_days: int
    interpreter_languages: tuple[str, ...]

    # The series' own method, not a copy of it.
    interpreter_language_choices = DropInSeries.interpreter_language_choices


@dataclass(frozen=True)
class SessionState:
    """What the rules need of a session to tell its state (dropins.rules reads these
    attributes as it reads a session's), read without building the session and its series."""

    pk: int
    series_id: int
    date: date
    starts_at: datetime
    ends_at: datetime
    capacity: int
    status: str
    cancel_reason: str
    booked_people: int
    series: SeriesWindow
    people_waiting_for_places: int

    @property
    def people_booked(self) -> int:
        return self.booked_people

    # The session's own rule, not a copy of it.
    Status = DropInSession.Status
    is_cancelled = property(DropInSession.is_cancelled.fget)


def _state_of(row: tuple) -> SessionState:
    values = dict(zip(STATE_VALUES, row, strict=True))
    window = SeriesWindow(
        pk=values["series_id"],
        booking_opens_days=values.pop("series__booking_opens_days"),
        interpreter_languages=tuple(json.loads(values.pop("interpreter_languages_json") or "[]")),
    )
    return SessionState(series=window, **values)


def session_states_public(*, now=None) -> list[SessionState]:
    """The state (STATE_VALUES) of each session the public list shows now, in its order
    (sessions_upcoming_public). One query, compiled once a day."""
    now = now or timezone.now()
    states = map(_state_of, _STATES.rows(None, now.astimezone(UTC).date()))
    return [session for session in states if rules.is_listed(session, now)]


def session_state_public(*, pk: int, now=None) -> SessionState | None:
    """The state of a session whose booking has opened (session_get_public), or None. One
    query, compiled once a day for each session."""
    now = now or timezone.now()
    for row in _STATES.rows(pk, now.astimezone(UTC).date()):
        session = _state_of(row)
        if rules.has_booking_opened(session, now):
            return session
    return None


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


def page_state(session: DropInSession, availability: Availability) -> tuple:
    """What a public page shows of a session that a booking or a staff change can change,
    read fresh for each request: the key of its cached page (sanctuary.pagecache), so the
    cache never answers with a state the booking itself would contradict."""
    return (
        session.pk,
        session.status,
        session.cancel_reason,
        session.starts_at,
        session.ends_at,
        availability.kind,
        availability.places_left,
    )


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
