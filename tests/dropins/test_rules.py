"""Each drop-in rule, and its two forms (SQL for many rows, Python for one) agreeing on the same
rows. Every instant here is set relative to the session, never to today's clock."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError

from dropins import rules, selectors, services
from dropins.models import LONDON, Booking, DropInSession
from sanctuary.codes import reference_new, token_new
from tests.dropins.conftest import make_series

pytestmark = [pytest.mark.django_db, pytest.mark.instants]

MINUTE = timedelta(minutes=1)
OPENS_DAYS = 28


@pytest.fixture
def series():
    return make_series(booking_opens_days=OPENS_DAYS, is_active=False)


def session_on(series, day, *, capacity=10, status=DropInSession.Status.SCHEDULED):
    """A session on `day` at 10:30 London time, built by hand (in any state, on any date)."""
    starts_at = datetime.combine(day, time(10, 30), tzinfo=LONDON)
    return DropInSession.objects.create(
        series=series,
        date=day,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=capacity,
        status=status,
    )


def booking_in(session, *, status=Booking.Status.CONFIRMED, adults=1, children=0):
    return Booking.objects.create(
        session=session,
        reference=reference_new(prefix="D"),
        token=token_new(),
        first_name="Amina",
        adults=adults,
        children=children,
        language="en",
        status=status,
    )


# The moment of `now`, relative to the session's opening and start.
MOMENTS = {
    "before booking opens": lambda opens, starts: opens - MINUTE,
    "as booking opens": lambda opens, starts: opens,
    "open": lambda opens, starts: opens + timedelta(days=3),
    "a minute before it starts": lambda opens, starts: starts - MINUTE,
    "as it starts": lambda opens, starts: starts,
    "under way": lambda opens, starts: starts + timedelta(hours=1),
}
# 4 March is well away from a change of the clocks; 4 November is 28 days after the clocks go
# back (25 October 2026), so its booking opens in summer time and it starts in winter time.
DAYS = {
    "March": datetime(2027, 3, 4).date(),
    "after the clocks go back": datetime(2026, 11, 4).date(),
}


@pytest.mark.parametrize("status", DropInSession.Status.values)
@pytest.mark.parametrize("day", DAYS.values(), ids=DAYS.keys())
@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_the_session_rules_agree_in_sql_and_in_python(series, status, day, moment):
    session = session_on(series, day, status=status)
    # As loaded from the database, and as a service holds it when it has just made it.
    loaded = DropInSession.objects.select_related("series").get(pk=session.pk)
    now = moment(rules.booking_opens_at(loaded), loaded.starts_at)
    pairs = [
        (rules.is_bookable, rules.bookable_q(now)),
        (rules.has_booking_opened, rules.booking_opened_q(now)),
        (rules.is_still_to_come, rules.still_to_come_q(now)),
        (rules.may_cancel_session, rules.cancellable_sessions_q(now)),
    ]
    for one, many in pairs:
        in_sql = DropInSession.objects.filter(many, pk=session.pk).exists()
        assert one(loaded, now) is in_sql, one.__name__
        assert one(session, now) is in_sql, one.__name__


@pytest.mark.parametrize(
    ("moment", "bookable"),
    [
        ("before booking opens", False),
        ("as booking opens", True),
        ("open", True),
        ("a minute before it starts", True),
        ("as it starts", False),
        ("under way", False),
    ],
)
def test_a_session_is_bookable_from_its_opening_until_it_starts(series, moment, bookable):
    session = session_on(series, DAYS["March"])
    now = MOMENTS[moment](rules.booking_opens_at(session), session.starts_at)

    assert rules.is_bookable(session, now) is bookable


def test_booking_opens_the_series_days_before_the_start(series):
    session = session_on(series, DAYS["March"])

    assert session.starts_at - rules.booking_opens_at(session) == timedelta(days=OPENS_DAYS)


def test_a_cancelled_session_is_never_bookable_but_stays_listed(series):
    session = session_on(series, DAYS["March"], status=DropInSession.Status.CANCELLED)
    now = rules.booking_opens_at(session) + timedelta(days=1)

    assert not rules.is_bookable(session, now)
    assert rules.has_booking_opened(session, now)


def test_a_session_may_be_cancelled_only_before_it_starts(series):
    session = session_on(series, DAYS["March"])

    assert rules.may_cancel_session(session, session.starts_at - MINUTE)
    assert not rules.may_cancel_session(session, session.starts_at)


def test_the_service_refuses_to_cancel_a_session_that_has_started(series):
    session = session_on(series, DAYS["March"])
    booked = booking_in(session)
    DropInSession.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at.replace(year=2020), ends_at=session.ends_at.replace(year=2020)
    )

    with pytest.raises(ValidationError, match="has started"):
        services.session_cancel(session_id=session.pk, reason="weather", actor=None)

    session.refresh_from_db()
    booked.refresh_from_db()
    assert (session.status, booked.status) == ("scheduled", "confirmed")


# People booked and places left ------------------------------------------------------------

PARTIES = {
    "nobody": [],
    "confirmed only": [("confirmed", 2, 1), ("confirmed", 1, 0)],
    "waiting and cancelled count for nothing": [
        ("confirmed", 1, 2),
        ("waitlisted", 2, 2),
        ("cancelled", 3, 0),
    ],
    "more booked than places": [("confirmed", 5, 5), ("confirmed", 4, 0)],
}


@pytest.mark.parametrize("parties", PARTIES.values(), ids=PARTIES.keys())
def test_people_booked_and_places_left_agree_in_sql_and_in_python(series, parties):
    session = session_on(series, DAYS["March"], capacity=10)
    for status, adults, children in parties:
        booking_in(session, status=status, adults=adults, children=children)
    expected = sum(
        adults + children for status, adults, children in parties if status == "confirmed"
    )

    annotated = selectors.sessions_with_counts().get(pk=session.pk)

    assert rules.people_booked(session) == annotated.people_booked == expected
    assert rules.places_left(session.capacity, expected) == annotated.places_left
    assert annotated.places_left == max(10 - expected, 0)


def test_only_confirmed_bookings_hold_places(series):
    session = session_on(series, DAYS["March"])
    for status in Booking.Status.values:
        booking = booking_in(session, status=status)
        in_sql = Booking.objects.filter(rules.holds_places_q(), pk=booking.pk).exists()
        assert rules.holds_places(booking) is in_sql is (status == "confirmed")


# What the private link may do -------------------------------------------------------------


@pytest.mark.parametrize("session_status", DropInSession.Status.values)
@pytest.mark.parametrize("booking_status", Booking.Status.values)
@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_the_private_link_rules_agree_in_sql_and_in_python(
    series, session_status, booking_status, moment
):
    session = session_on(series, DAYS["March"], status=session_status)
    booking = Booking.objects.select_related("session__series").get(
        pk=booking_in(session, status=booking_status).pk
    )
    now = moment(rules.booking_opens_at(booking.session), booking.session.starts_at)
    for one, many in [
        (rules.may_change_booking, rules.changeable_bookings_q(now)),
        (rules.may_booker_cancel, rules.booker_cancellable_q(now)),
    ]:
        assert one(booking, now) is Booking.objects.filter(many, pk=booking.pk).exists()


def test_a_booking_can_be_changed_while_its_session_is_bookable(series):
    session = session_on(series, DAYS["March"])
    booking = booking_in(session)
    opens = rules.booking_opens_at(session)

    assert rules.may_change_booking(booking, opens)
    assert not rules.may_change_booking(booking, opens - MINUTE)
    assert not rules.may_change_booking(booking, session.starts_at)


def test_the_booker_may_cancel_a_live_booking_until_the_start(series):
    session = session_on(series, DAYS["March"])
    booking = booking_in(session, status=Booking.Status.WAITLISTED)
    cancelled = booking_in(session, status=Booking.Status.CANCELLED)

    assert rules.may_booker_cancel(booking, session.starts_at - MINUTE)
    assert not rules.may_booker_cancel(booking, session.starts_at)
    assert not rules.may_booker_cancel(cancelled, session.starts_at - MINUTE)
