"""The public drop-in pages stay light, and their queries do not grow with sessions or
bookings."""

import pytest
from django.core.management import call_command
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dropins import services
from tests.dropins.conftest import book, make_series
from tests.dropins.helpers import session_url

pytestmark = pytest.mark.instants


def _connection():
    from django.db import connection

    return connection


@pytest.mark.postgres
def test_the_lists_queries_do_not_grow_with_sessions_or_bookings(client, db, settings):
    settings.DROPIN_GENERATE_DAYS = 14
    series = make_series()
    with CaptureQueriesContext(_connection()) as few:
        client.get("/en/drop-in/")

    settings.DROPIN_GENERATE_DAYS = 120
    for venue_series in [series, make_series(), make_series()]:
        services.sessions_generate(series=venue_series)
        for session in venue_series.sessions.filter(starts_at__gt=timezone.now())[:3]:
            for index in range(5):
                book(session, first_name=f"Person {index}")
    with CaptureQueriesContext(_connection()) as many:
        response = client.get("/en/drop-in/")

    shown = response.content.decode().count('class="session-list__item')
    assert shown >= 3 * 4
    assert len(many) == len(few) <= 3


@pytest.mark.postgres
def test_the_booking_and_private_link_pages_queries_do_not_grow_with_bookings(client, session):
    mine = book(session, first_name="Mine")
    pages = [session_url(session), mine.manage_path()]
    counts_before = []
    for url in pages:
        with CaptureQueriesContext(_connection()) as queries:
            assert client.get(url).status_code == 200
        counts_before.append(len(queries))

    for index in range(30):
        book(session, first_name=f"Person {index}")
    counts_after = []
    for url in pages:
        with CaptureQueriesContext(_connection()) as queries:
            client.get(url)
        counts_after.append(len(queries))

    assert counts_after == counts_before
    assert max(counts_after) <= 3


def test_the_drop_in_pages_weigh_under_30_kb_compressed(db, session):
    import io

    out = io.StringIO()
    call_command(
        "measure_pages", "/en/drop-in/", session_url(session, "ar"), "/ps/drop-in/", stdout=out
    )

    rows = out.getvalue().splitlines()[1:]
    assert len(rows) == 3
    for row in rows:
        queries, _html, _css, gzipped, brotlied = (int(value) for value in row.split()[1:])
        assert gzipped < 30_000 and brotlied < 30_000
        assert queries <= 4
