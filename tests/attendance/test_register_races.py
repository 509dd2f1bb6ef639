"""Several tablets at once, against the real PostgreSQL: the first check-in of a family wins,
and a tap sent by several connections at once is still applied once."""

import uuid

import pytest
from django.db import connection

from attendance import inputs, services
from attendance.models import CheckIn, RegisterAction
from attendance.services import RegisterTap
from sanctuary.roles import Role
from tests.dropins.conftest import book, make_series
from tests.dropins.test_races import THREADS, race
from tests.factories import user_with_role

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _session():
    return make_series().sessions.order_by("starts_at").first()


def _tablets(session, count):
    return [
        user_with_role(Role.VOLUNTEERS, first_name=f"Tablet {index}", venues=[session.series.venue])
        for index in range(count)
    ]


@pytest.mark.parametrize("attempt", range(5))
def test_the_first_check_in_of_a_family_wins_across_tablets(attempt):
    assert connection.vendor == "postgresql"
    session = _session()
    family = book(session, adults=2, children=2)
    tablets = _tablets(session, THREADS)

    results = race(
        lambda index: services.register_apply(
            session_id=session.pk,
            tap=RegisterTap(
                client_id=uuid.uuid4(), kind=RegisterAction.Kind.CHECK_IN, booking_id=family.pk
            ),
            actor=tablets[index],
        ),
        THREADS,
    )

    assert not [result for result in results if isinstance(result, Exception)]
    outcomes = sorted(result.outcome for result in results)
    assert outcomes.count(RegisterAction.Outcome.APPLIED) == 1
    assert outcomes.count(RegisterAction.Outcome.ALREADY) == THREADS - 1
    live = CheckIn.objects.get(booking=family, voided_at__isnull=True)
    # Every tablet that lost is pointed at the one check-in that won, and who made it.
    assert {result.check_in.pk for result in results} == {live.pk}
    winner = next(result for result in results if result.applied)
    assert live.recorded_by == winner.check_in.recorded_by
    assert CheckIn.objects.filter(booking=family).count() == 1


@pytest.mark.parametrize("attempt", range(5))
def test_one_tap_sent_by_many_connections_at_once_is_applied_once(attempt):
    session = _session()
    client_id = uuid.uuid4()

    results = race(
        lambda index: services.register_apply(
            session_id=session.pk,
            tap=RegisterTap(
                client_id=client_id, kind=RegisterAction.Kind.WALK_IN, adults=2, children=1
            ),
            actor=None,
        ),
        THREADS,
    )

    assert not [result for result in results if isinstance(result, Exception)]
    assert all(result.applied for result in results)
    assert CheckIn.objects.filter(session=session).count() == 1
    assert RegisterAction.objects.filter(client_id=client_id).count() == 1


def test_check_ins_of_different_families_from_many_tablets_all_count():
    session = _session()
    families = [
        book(session, first_name=f"Family {index}", adults=1, children=1)
        for index in range(THREADS)
    ]

    results = race(
        lambda index: services.register_apply(
            session_id=session.pk,
            tap=RegisterTap(
                client_id=uuid.uuid4(),
                kind=RegisterAction.Kind.CHECK_IN,
                booking_id=families[index].pk,
            ),
            actor=None,
        ),
        THREADS,
    )

    assert all(result.applied for result in results)
    from attendance.selectors import register_totals

    assert register_totals(session).arrived_people == 2 * THREADS


def _walk_in_form(key, first_name):
    return {
        "form_key": key,
        "walk_in": "1",
        "first_name": first_name,
        "adults": "1",
        "children": "0",
    }


@pytest.mark.parametrize("attempt", range(3))
def test_one_form_sent_by_many_connections_at_once_is_added_once_and_the_rest_told(attempt):
    session = _session()
    form = _walk_in_form(str(uuid.uuid4()), "Amal")

    results = race(
        lambda index: services.register_apply(
            session_id=session.pk, tap=inputs.form_tap(form), actor=None, station="web"
        ),
        THREADS,
    )

    assert not [result for result in results if isinstance(result, Exception)]
    assert sorted(result.repeat for result in results) == [False] + [True] * (THREADS - 1)
    assert CheckIn.objects.filter(session=session).count() == 1


def test_different_walk_ins_from_one_page_at_once_all_count():
    session = _session()
    key = str(uuid.uuid4())

    results = race(
        lambda index: services.register_apply(
            session_id=session.pk,
            tap=inputs.form_tap(_walk_in_form(key, f"Walk-in {index}")),
            actor=None,
            station="web",
        ),
        THREADS,
    )

    assert not [result for result in results if isinstance(result, Exception)]
    assert not [result for result in results if result.repeat]
    assert CheckIn.objects.filter(session=session).count() == THREADS
