"""The public pages' state rows kept in the process until PostgreSQL says what they come from
changed (sanctuary.listening, dropins.selectors._STATES): read once while nothing changes, read
again once a change commits anywhere, and read every time while nobody is listening. Against
the real PostgreSQL, with its triggers and a real LISTEN connection; writes really commit."""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dropins import selectors
from sanctuary import listening
from sanctuary.prepared import PreparedQuery
from tests.dropins.conftest import book

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listener(settings, session):
    """Listening once the test's session and series are committed: a notification of their
    commit arriving late would otherwise move the epoch on between a test's reads."""
    settings.DATABASE_LISTEN = True
    selectors._STATES.forget()
    heard = listening.listening(selectors.STATE_CHANNEL)
    assert listening.wait_for_epoch(heard) is not None, "never started listening"
    yield heard
    heard.stop()
    selectors._STATES.forget()


def _state(session):
    with CaptureQueriesContext(connection) as queries:
        state = selectors.session_state_public(pk=session.pk)
    return state, len(queries)


def test_while_nothing_changes_the_state_is_read_once(listener, session):
    assert _state(session)[1] == 1
    state, queries = _state(session)
    assert queries == 0
    assert state.people_booked == 0


def test_a_booking_committed_elsewhere_is_read_as_soon_as_it_is_heard(listener, session):
    _state(session)  # kept
    before = listener.epoch()

    made = threading.Thread(target=lambda: (book(session, adults=3), connection.close()))
    made.start()
    made.join()

    assert listening.wait_for_epoch(listener, other_than=before) is not None, "never heard"
    state, queries = _state(session)
    assert queries == 1
    assert state.people_booked == 3


def test_a_staff_change_of_the_series_is_heard_too(listener, session):
    _state(session)
    before = listener.epoch()
    type(session.series).objects.filter(pk=session.series_id).update(booking_opens_days=1)

    assert listening.wait_for_epoch(listener, other_than=before) is not None
    assert _state(session)[1] == 1


def test_a_lost_listening_connection_keeps_nothing_from_before_it(listener, session):
    _state(session)
    before = listener.epoch()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE query LIKE 'LISTEN %%' AND datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )

    assert listening.wait_for_epoch(listener, other_than=before, seconds=15) is not None
    assert _state(session)[1] == 1  # listening again: nothing kept from before is trusted
    assert _state(session)[1] == 0


class _Epochs:
    """A listener that hears a change between the reads it is asked about."""

    def __init__(self, *epochs):
        self.epochs = list(epochs)

    def epoch(self):
        return self.epochs.pop(0) if len(self.epochs) > 1 else self.epochs[0]


def test_rows_read_while_a_change_committed_are_not_kept(db, session, monkeypatch, settings):
    settings.DATABASE_LISTEN = True
    prepared = PreparedQuery(
        lambda pk: type(session).objects.filter(pk=pk).values_list("pk"), kept_until="x"
    )
    heard = _Epochs(1, 2, 2, 2)  # 1 before the read, 2 after it: a change came in between
    monkeypatch.setattr(prepared, "_listener", lambda alias: heard)

    with CaptureQueriesContext(connection) as queries:
        prepared.rows(session.pk)  # read under 1, not kept (now 2)
        prepared.rows(session.pk)  # read under 2, kept
        prepared.rows(session.pk)  # from what was kept
    assert len(queries) == 2


def test_without_listening_every_request_reads(db, session, settings):
    settings.DATABASE_LISTEN = False
    selectors._STATES.forget()
    assert _state(session)[1] == 1
    assert _state(session)[1] == 1
