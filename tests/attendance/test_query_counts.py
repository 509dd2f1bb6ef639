"""Checking in and the register's page take as many queries with 100 bookings as with 1."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance import services
from attendance.models import RegisterAction
from dropins.models import DropInSession
from sanctuary.roles import Role
from tests.dropins.conftest import make_series, starting_soon_today
from tests.dropins.test_query_counts import bookings_made
from tests.factories import VenueFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.instants]


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


@pytest.fixture
def door_sessions():
    """Two sessions today, at two venues, each still open for booking and its register open."""
    found = []
    for name in ["Stage Two", "Theatre Royal"]:
        series = make_series(venue=VenueFactory(name=name), capacity=500)
        session = series.sessions.order_by("starts_at").first()
        found.append(starting_soon_today(session))
    return found


@pytest.fixture
def volunteer(door_sessions):
    return user_with_role(
        Role.VOLUNTEERS, venues=[session.series.venue for session in door_sessions]
    )


def check_in_first(session: DropInSession, volunteer):
    booking = session.bookings.order_by("pk").first()
    return services.register_apply(
        session_id=session.pk,
        tap=services.RegisterTap(
            client_id=uuid.uuid4(), kind=RegisterAction.Kind.CHECK_IN, booking_id=booking.pk
        ),
        actor=volunteer,
    )


def test_checking_in_takes_as_many_queries_among_1_or_100_bookings(
    door_sessions, volunteer, django_assert_num_queries
):
    one, hundred = door_sessions
    bookings_made(one, 1)
    bookings_made(hundred, 100)
    count = queries_of(lambda: check_in_first(one, volunteer))

    with django_assert_num_queries(count):
        result = check_in_first(hundred, volunteer)
    assert result.applied
    assert count <= 12


def test_the_register_page_takes_as_many_queries_with_1_or_100_bookings(
    client, door_sessions, volunteer, django_assert_num_queries
):
    one, hundred = door_sessions
    bookings_made(one, 1)
    bookings_made(hundred, 100)
    client.force_login(volunteer)
    page = lambda session: reverse("register:session", kwargs={"pk": session.pk})  # noqa: E731
    client.get(page(one))  # the session and permissions warm up
    count = queries_of(lambda: client.get(page(one)))

    with django_assert_num_queries(count):
        response = client.get(page(hundred))
    assert response.content.decode().count('<li id="b-') == 100
    assert count <= 15
