"""The sessions' state the public pages read for every request (dropins.selectors.session_states_
public, session_state_public): compiled once a day, it lists and opens exactly the sessions the
full queries do, at every instant around the moments that change them, with the same places."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dropins import rules, selectors
from dropins.models import DropInSession
from sanctuary.prepared import PreparedQuery
from tests.dropins.conftest import book

pytestmark = pytest.mark.postgres

MINUTE = timedelta(minutes=1)


def _instants(session):
    opens = rules.booking_opens_at(session)
    moments = [opens, session.starts_at]
    # Each moment, a minute either side, and the UTC midnights around it (the query's day).
    found = []
    for moment in moments:
        found += [moment - MINUTE, moment, moment + MINUTE]
        midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        found += [midnight - MINUTE, midnight, midnight + timedelta(days=1) - MINUTE]
    return found


def _listed(sessions, now):
    return [(s.pk, selectors.availability(s, now=now)) for s in sessions]


def test_the_states_list_and_open_what_the_full_queries_do_at_every_instant(series, session):
    later = series.sessions.filter(starts_at__gt=session.starts_at).order_by("starts_at")
    cancelled = later.first()
    DropInSession.objects.filter(pk=cancelled.pk).update(status="cancelled")
    book(session, adults=2, children=1)
    DropInSession.objects.filter(pk=session.pk).update(capacity=4)  # few places left
    waiting = book(session, adults=2)  # more than the place left: on the waiting list
    assert rules.is_waiting(waiting)

    for now in _instants(session) + _instants(later.last()):
        full = selectors.sessions_upcoming_public(now=now)
        assert _listed(selectors.session_states_public(now=now), now) == _listed(full, now), now
        for one in series.sessions.all():
            state = selectors.session_state_public(pk=one.pk, now=now)
            whole = selectors.session_get_public(pk=one.pk, now=now)
            assert (state is None) is (whole is None), (now, one.pk)
            if state is not None:
                assert rules.is_bookable(state, now) is rules.is_bookable(whole, now)
                assert selectors.availability(state, now=now) == selectors.availability(
                    whole, now=now
                )


def test_a_state_is_one_query_and_follows_a_booking(session):
    selectors.session_state_public(pk=session.pk)  # compiled
    book(session, adults=3)

    with CaptureQueriesContext(connection) as queries:
        state = selectors.session_state_public(pk=session.pk)

    assert len(queries) == 1
    assert state.people_booked == 3
    assert selectors.availability(state).places_left == session.capacity - 3


def test_a_prepared_query_is_built_once_for_each_key(session):
    built = []

    def build(pk):
        built.append(pk)
        return DropInSession.objects.filter(pk=pk).values_list("pk", "capacity")

    prepared = PreparedQuery(build, size=2)

    assert prepared.rows(session.pk) == [(session.pk, session.capacity)]
    DropInSession.objects.filter(pk=session.pk).update(capacity=7)
    assert prepared.rows(session.pk) == [(session.pk, 7)]  # the same SQL, run again
    assert prepared.rows(0) == []
    assert built == [session.pk, 0]

    prepared.rows(-1)  # a third key: the least recently used goes
    prepared.rows(session.pk)
    assert built == [session.pk, 0, -1, session.pk]


def test_a_prepared_query_that_can_match_nothing_asks_nothing(db):
    prepared = PreparedQuery(lambda: DropInSession.objects.none().values_list("pk"))

    with CaptureQueriesContext(connection) as queries:
        assert prepared.rows() == []

    assert len(queries) == 0
