"""Who may open a register, in its two forms (SQL for the list, Python for one session), agreeing
on the same rows."""

from datetime import date, datetime, time, timedelta

import pytest

from attendance import rules
from dropins.models import LONDON, DropInSession
from sanctuary.roles import Role
from tests.dropins.conftest import make_series
from tests.factories import VenueFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.instants]

TODAY = date(2027, 3, 3)


def session_on(series, day):
    starts_at = datetime.combine(day, time(10, 30), tzinfo=LONDON)
    return DropInSession.objects.create(
        series=series,
        date=day,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=10,
    )


@pytest.fixture
def sessions():
    """Yesterday's, today's and tomorrow's sessions at the volunteer's venue and at another."""
    ours = make_series(venue=VenueFactory(name="Stage Two"), is_active=False)
    theirs = make_series(venue=VenueFactory(name="Playhouse"), is_active=False)
    return {
        (where, when): session_on(series, TODAY + timedelta(days=offset))
        for where, series in [("ours", ours), ("theirs", theirs)]
        for when, offset in [("yesterday", -1), ("today", 0), ("tomorrow", 1)]
    }


@pytest.fixture
def volunteer(sessions):
    return user_with_role(Role.VOLUNTEERS, venues=[sessions["ours", "today"].series.venue])


@pytest.fixture
def staff(sessions):
    return user_with_role(Role.PROGRAMME_STAFF)


def test_a_volunteer_opens_only_todays_registers_at_their_venues(sessions, volunteer):
    allowed = {
        key
        for key, session in sessions.items()
        if rules.may_open_register(volunteer, session, TODAY)
    }

    assert allowed == {("ours", "today")}


def test_programme_staff_open_any_register(sessions, staff):
    assert all(rules.may_open_register(staff, session, TODAY) for session in sessions.values())


@pytest.mark.parametrize("person", ["volunteer", "staff"])
def test_who_may_open_a_register_agrees_in_sql_and_in_python(request, sessions, person):
    user = request.getfixturevalue(person)
    in_sql = set(
        DropInSession.objects.filter(rules.registers_open_to_q(user, TODAY)).values_list(
            "pk", flat=True
        )
    )
    in_python = {s.pk for s in sessions.values() if rules.may_open_register(user, s, TODAY)}

    assert in_sql == in_python
