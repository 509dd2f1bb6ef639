"""The drop-in rules about a session's start and end (listed, started, ended, kept) and about a
booking that stands or waits, each in its two forms agreeing on the same rows, and the pages,
admin and services that ask them. Every instant is relative to the session, never to today."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from dropins import rules, selectors
from dropins.admin import UpcomingFilter
from dropins.models import LONDON, Booking, DropInSession
from dropins.services import bookings_anonymise
from tests.dropins.conftest import make_series
from tests.dropins.test_rules import DAYS, MOMENTS, booking_in, session_on

pytestmark = [pytest.mark.django_db, pytest.mark.instants]

MINUTE = timedelta(minutes=1)
KEEP = timedelta(days=settings.DROPIN_KEEP_DAYS)

# The moments of the end of a session, and of the end of keeping who came.
AFTER = {
    "a minute before it ends": lambda ends: ends - MINUTE,
    "as it ends": lambda ends: ends,
    "a minute after it ends": lambda ends: ends + MINUTE,
    "as keeping ends": lambda ends: ends + KEEP,
    "after keeping ends": lambda ends: ends + KEEP + MINUTE,
}


@pytest.fixture
def series():
    return make_series(booking_opens_days=28, is_active=False)


@pytest.mark.parametrize("status", DropInSession.Status.values)
@pytest.mark.parametrize("day", DAYS.values(), ids=DAYS.keys())
@pytest.mark.parametrize(
    "moment",
    [*MOMENTS.values(), *(lambda o, s, f=f: f(s + timedelta(hours=2)) for f in AFTER.values())],
    ids=[*MOMENTS.keys(), *AFTER.keys()],
)
def test_start_and_end_rules_agree_in_sql_and_in_python(series, status, day, moment):
    session = session_on(series, day, status=status)
    loaded = DropInSession.objects.select_related("series").get(pk=session.pk)
    now = moment(rules.booking_opens_at(loaded), loaded.starts_at)
    for one, many in [
        (rules.is_listed, rules.listed_q(now)),
        (rules.has_started, ~rules.not_started_q(now)),
        (rules.has_ended, rules.ended_q(now)),
        (rules.is_past_keeping, rules.past_keeping_q(now)),
    ]:
        assert one(loaded, now) is DropInSession.objects.filter(many, pk=session.pk).exists(), (
            one.__name__
        )


@pytest.mark.parametrize("status", Booking.Status.values)
def test_booking_rules_agree_in_sql_and_in_python(series, status):
    booking = booking_in(session_on(series, DAYS["March"]), status=status)
    for one, many in [(rules.is_live, rules.live_q()), (rules.is_waiting, rules.waiting_q())]:
        assert one(booking) is Booking.objects.filter(many, pk=booking.pk).exists(), one.__name__
    assert rules.is_live(booking) is (status != "cancelled") is booking.is_live
    assert rules.is_waiting(booking) is (status == "waitlisted")


def test_the_public_list_shows_sessions_listed_by_the_rule(series):
    series.venue.is_active = True
    series.venue.save()
    session = session_on(series, DAYS["March"])
    cancelled = session_on(series, DAYS["March"] + timedelta(days=7), status="cancelled")
    opens = rules.booking_opens_at(session)
    listed = [s.pk for s in selectors.sessions_upcoming_public(now=opens + timedelta(days=20))]

    assert listed == [session.pk, cancelled.pk]
    assert selectors.sessions_upcoming_public(now=opens - MINUTE) == []
    assert [s.pk for s in selectors.sessions_upcoming_public(now=session.starts_at)] == [
        cancelled.pk
    ]


def test_people_waiting_counts_only_the_waiting_list(series):
    session = session_on(series, DAYS["March"], capacity=2)
    booking_in(session, status="confirmed", adults=2)
    booking_in(session, status="waitlisted", adults=1, children=2)
    booking_in(session, status="cancelled", adults=4)

    assert selectors.sessions_with_counts().get(pk=session.pk).people_waiting == 3


def test_people_of_a_party_count_adults_and_children_alike(series):
    booking = booking_in(session_on(series, DAYS["March"]), adults=2, children=3)

    assert rules.people_of(adults=2, children=3) == booking.people == 5


def _session_ending(series, ends_at):
    starts_at = ends_at - timedelta(hours=2)
    return DropInSession.objects.create(
        series=series,
        date=timezone.localdate(starts_at, LONDON),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=10,
    )


@pytest.mark.parametrize(("when", "expected"), [("upcoming", ["ongoing"]), ("past", ["ended"])])
def test_the_admin_filter_splits_sessions_where_they_end(series, rf, when, expected):
    # The filter asks the clock: the sessions end a day either side of it, whatever day it is.
    now = timezone.now()
    ended = _session_ending(series, now - timedelta(days=1))
    ongoing = _session_ending(series, now + timedelta(days=1))
    names = {ended.pk: "ended", ongoing.pk: "ongoing"}
    request = rf.get("/", {"when": when})
    filter_ = UpcomingFilter(request, {"when": [when]}, DropInSession, None)

    found = filter_.queryset(request, DropInSession.objects.filter(series=series))

    assert sorted(names[s.pk] for s in found) == expected


def test_anonymising_forgets_bookings_only_once_keeping_has_ended(series):
    session = session_on(series, DAYS["March"])
    booking = booking_in(session)

    assert bookings_anonymise(now=session.ends_at + KEEP) == 0
    assert bookings_anonymise(now=session.ends_at + KEEP + MINUTE) == 1
    booking.refresh_from_db()
    assert booking.first_name == ""
