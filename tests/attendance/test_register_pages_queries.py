"""The register's pages and endpoints take a bounded number of queries, however many
bookings and taps there are."""

import uuid

import pytest
from django.urls import reverse

from attendance import services
from dropins.models import DropInSession
from tests.attendance.helpers import sync, url
from tests.dropins.conftest import book, make_series

pytestmark = pytest.mark.django_db


def _fill(session, count):
    for index in range(count):
        booking = book(session, first_name=f"Person {index:03}", adults=1, children=index % 3)
        if index % 2:
            services.register_apply(
                session_id=session.pk,
                tap=services.RegisterTap(
                    client_id=uuid.uuid4(), kind="check_in", booking_id=booking.pk
                ),
                actor=None,
            )
    for _ in range(count // 10):
        services.register_apply(
            session_id=session.pk,
            tap=services.RegisterTap(client_id=uuid.uuid4(), kind="walk_in", adults=1, children=0),
            actor=None,
        )


def test_the_register_of_200_bookings_takes_as_many_queries_as_of_5(
    client, door_session, volunteer, django_assert_max_num_queries
):
    DropInSession.objects.filter(pk=door_session.pk).update(capacity=1000)
    _fill(door_session, 5)
    client.force_login(volunteer)
    client.get(url("session", door_session))  # the session and permissions warm up
    with django_assert_max_num_queries(15) as few:
        client.get(url("session", door_session))
    _fill(door_session, 195)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("session", door_session))

    html = response.content.decode()
    assert (html.count('<li id="b-'), html.count('<li id="w-')) == (200, 19)


def test_todays_drop_ins_take_a_bounded_number_of_queries(
    client, door_session, volunteer, django_assert_max_num_queries
):
    client.force_login(volunteer)
    client.get(reverse("register:today"))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("register:today"))
    for index in range(5):
        venue_session = make_series(venue=door_session.series.venue, title_en=f"More {index}")
        more = venue_session.sessions.order_by("starts_at").first()
        DropInSession.objects.filter(pk=more.pk).update(date=door_session.date)
        _fill(more, 3)

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("register:today")).content.decode()

    assert html.count('class="register-session"') == 6


def test_changes_take_a_bounded_number_of_queries(
    client, door_session, volunteer, django_assert_max_num_queries
):
    DropInSession.objects.filter(pk=door_session.pk).update(capacity=1000)
    _fill(door_session, 60)
    client.force_login(volunteer)
    client.get(url("session", door_session))

    with django_assert_max_num_queries(13):
        response = client.get(
            url("changes", door_session, after=0), headers={"Accept": "application/json"}
        )

    assert len(response.json()["rows"]) == 60 + 6


def test_each_tap_in_a_batch_costs_a_few_queries(
    client, door_session, volunteer, django_assert_max_num_queries
):
    """A tablet back from a Wi-Fi drop sends its whole queue: each tap is checked under the
    session's lock with the rows already loaded, not looked up again field by field."""
    DropInSession.objects.filter(pk=door_session.pk).update(capacity=1000)
    bookings = [book(door_session, first_name=f"Person {index}") for index in range(10)]
    client.force_login(volunteer)
    taps = [{"id": str(uuid.uuid4()), "kind": "check_in", "booking": b.pk} for b in bookings]
    again = [{**tap, "id": str(uuid.uuid4())} for tap in taps]

    with django_assert_max_num_queries(6 + 10 * 9):
        fresh = sync(client, door_session, *taps).json()["results"]
    with django_assert_max_num_queries(6 + 10 * 8):
        already = sync(client, door_session, *again).json()["results"]

    assert {result["outcome"] for result in fresh} == {"applied"}
    assert {result["outcome"] for result in already} == {"already"}
