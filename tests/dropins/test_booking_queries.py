"""A booking sent from the session's page takes a fixed, small number of queries, the view's
included, however many people have booked the session already: the session keeps its own
count, the reference comes with the row lock, and the messages go in one statement."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dropins.models import Booking
from tests.dropins.conftest import make_series
from tests.dropins.helpers import booking_data, session_url
from tests.dropins.test_query_counts import bookings_made

# As in production: no test transaction around the request, so the booking's own transaction
# is a real one (its BEGIN and COMMIT are counted) and the visitor's session is saved in one
# statement.
pytestmark = pytest.mark.django_db(transaction=True)

MOST_QUERIES = 8


@pytest.fixture
def sessions(broker):
    """Sessions with room for 1,000; messages go to the broker, as in production, for a worker
    to send (none runs here)."""
    series = make_series(capacity=1000, booking_opens_days=60)
    return list(series.sessions.order_by("starts_at")[:3])


def post_queries(client, session, **fields) -> tuple[list[str], int]:
    """The SQL of one booking sent by a new visitor, and the response's status."""
    client.cookies.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            session_url(session),
            booking_data(email="amina@example.org", phone="07911 123456", **fields),
        )
    # A prepared statement's SQL is not logged by the driver: it is named, not shown.
    return [query["sql"] or "(prepared)" for query in queries], response.status_code


@pytest.mark.parametrize("booked", [1, 500])
def test_a_booking_post_takes_at_most_8_queries_beside_1_or_500_bookings(client, sessions, booked):
    warm_up, measured, _spare = sessions
    post_queries(client, warm_up)  # the content types are cached after this
    bookings_made(measured, booked)

    queries, status = post_queries(client, measured)

    assert status == 302
    assert len(queries) <= MOST_QUERIES, "\n".join(queries)
    new = Booking.objects.get(session=measured, email="amina@example.org")
    assert new.status == Booking.Status.CONFIRMED
    measured.refresh_from_db()
    assert measured.booked_people == booked + new.people


def test_a_booking_post_takes_as_many_queries_beside_1_or_500_bookings(client, sessions):
    warm_up, one, five_hundred = sessions
    post_queries(client, warm_up)
    bookings_made(one, 1)
    bookings_made(five_hundred, 500)

    assert len(post_queries(client, one)[0]) == len(post_queries(client, five_hundred)[0])


def test_joining_the_waiting_list_takes_no_more_queries(client, sessions):
    warm_up, full, _spare = sessions
    post_queries(client, warm_up)
    bookings_made(full, 1000)

    queries, status = post_queries(client, full)

    assert status == 302
    assert len(queries) <= MOST_QUERIES, "\n".join(queries)
    assert Booking.objects.get(email="amina@example.org", session=full).status == (
        Booking.Status.WAITLISTED
    )
