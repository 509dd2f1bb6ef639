"""Several tablets at one performance's door at once, against the real PostgreSQL: one party
tapped on every tablet is checked in once, and one tap sent by several connections is applied
once."""

import uuid

import pytest
from django.db import connection

from attendance import selectors, services
from attendance.models import CheckIn, RegisterAction
from attendance.services import RegisterTap
from tests.attendance.door_helpers import door_volunteer, make_performance, ticket
from tests.dropins.test_races import THREADS, race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("attempt", range(3))
def test_taps_from_every_tablet_on_one_party_check_it_in_once(attempt):
    assert connection.vendor == "postgresql"
    night = make_performance()
    family = ticket(night, partner="Dereham Ukraine Aid Centre", guests=4, hosts=1)
    tablets = [door_volunteer(night, first_name=f"Tablet {i}") for i in range(THREADS)]

    results = race(
        lambda index: services.door_apply(
            performance_id=night.pk,
            tap=RegisterTap(
                client_id=uuid.uuid4(), kind=RegisterAction.Kind.CHECK_IN, ticket_id=family.pk
            ),
            actor=tablets[index],
        ),
        THREADS,
    )

    assert not [result for result in results if isinstance(result, Exception)]
    outcomes = [result.outcome for result in results]
    assert outcomes.count(RegisterAction.Outcome.APPLIED) == 1
    assert outcomes.count(RegisterAction.Outcome.ALREADY) == THREADS - 1
    assert CheckIn.objects.filter(ticket=family).count() == 1
    totals = selectors.door_totals(night)
    assert (totals.guests_in, totals.hosts_in) == (4, 1)


def test_one_walk_up_sent_by_every_connection_at_once_counts_once():
    night = make_performance()
    tap_id = uuid.uuid4()

    results = race(
        lambda index: services.door_apply(
            performance_id=night.pk,
            tap=RegisterTap(client_id=tap_id, kind=RegisterAction.Kind.WALK_IN, guests=2, hosts=1),
            actor=None,
        ),
        THREADS,
    )

    assert not [result for result in results if isinstance(result, Exception)]
    assert sum(1 for result in results if not result.repeat) == 1
    assert RegisterAction.objects.filter(client_id=tap_id).count() == 1
    assert selectors.door_totals(night).walk_in_people == 3
