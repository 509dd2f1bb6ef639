"""Booking, cancelling and the public list take as many queries with 100 rows as with 1."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from dropins import services
from dropins.models import Booking, DropInSession
from sanctuary.codes import reference_new, token_new
from tests.dropins.conftest import book, make_series

pytestmark = [pytest.mark.django_db, pytest.mark.instants]

ROWS = [1, 100]


def bookings_made(session: DropInSession, count: int, *, status=Booking.Status.CONFIRMED) -> None:
    """`count` one-person bookings, made at once (as if people had booked before)."""
    Booking.objects.bulk_create(
        Booking(
            session=session,
            reference=reference_new(prefix="D"),
            token=token_new(),
            first_name=f"Person {index}",
            adults=1,
            children=0,
            language="en",
            status=status,
        )
        for index in range(count)
    )
    # The session's own counts, as the services keep them.
    if status == Booking.Status.CONFIRMED:
        DropInSession.objects.filter(pk=session.pk).update(booked_people=F("booked_people") + count)
    elif status == Booking.Status.WAITLISTED:
        DropInSession.objects.filter(pk=session.pk).update(
            waiting_bookings=F("waiting_bookings") + count
        )


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


@pytest.fixture
def sessions():
    """One open session for each number of rows, with room for everyone."""
    series = make_series(capacity=500, booking_opens_days=60)
    found = list(series.sessions.order_by("starts_at")[: len(ROWS) + 1])
    assert len(found) == len(ROWS) + 1
    return found


def test_booking_takes_as_many_queries_beside_1_or_100_bookings(
    sessions, django_assert_num_queries
):
    warm_up, *measured = sessions
    book(warm_up, email="warm@example.org")  # the content types are cached after this
    for session, rows in zip(measured, ROWS, strict=True):
        bookings_made(session, rows)
    count = queries_of(lambda: book(measured[0], email="amina@example.org"))

    with django_assert_num_queries(count):
        book(measured[1], email="amina@example.org")
    assert count <= 14


def test_cancelling_takes_as_many_queries_with_1_or_100_waiting(
    sessions, django_assert_num_queries
):
    warm_up, *measured = sessions
    services.booking_cancel(booking_id=book(warm_up, email="warm@example.org").pk)
    leaving = {}
    for session, rows in zip(measured, ROWS, strict=True):
        services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
        leaving[rows] = book(session, email=f"leaving-{rows}@example.org")
        bookings_made(session, rows, status=Booking.Status.WAITLISTED)
    count = queries_of(lambda: services.booking_cancel(booking_id=leaving[1].pk))

    with django_assert_num_queries(count):
        services.booking_cancel(booking_id=leaving[100].pk)
    # The first one waiting took the freed place, in both.
    for session in measured:
        assert session.bookings.filter(status=Booking.Status.CONFIRMED).count() == 1
    assert count <= 20


def test_the_public_list_takes_as_many_queries_with_1_or_100_bookings(
    client, sessions, django_assert_num_queries, settings
):
    # The page rendered each time (tests/dropins/test_page_cache.py: from the cache).
    settings.PAGE_CACHE_SECONDS = 0
    bookings_made(sessions[0], 1)
    client.get("/en/drop-in/")
    count = queries_of(lambda: client.get("/en/drop-in/"))
    bookings_made(sessions[1], 100)

    with django_assert_num_queries(count):
        response = client.get("/en/drop-in/")
    assert "400 places left" in response.content.decode()
    assert count <= 3


def test_a_session_page_takes_as_many_queries_with_1_or_100_bookings(
    client, sessions, django_assert_num_queries, settings
):
    # The page rendered each time (tests/dropins/test_page_cache.py: from the cache).
    settings.PAGE_CACHE_SECONDS = 0
    _spare, one, hundred = sessions
    bookings_made(one, 1)
    bookings_made(hundred, 100)
    client.get(one.get_absolute_url())
    count = queries_of(lambda: client.get(one.get_absolute_url()))

    with django_assert_num_queries(count):
        client.get(hundred.get_absolute_url())
