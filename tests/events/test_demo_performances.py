"""The demo's orchestra night and Playhouse performance, as `make run` loads them."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation

from events import rules
from events.models import GuestAllocation, GuestTicket, Performance, PoolRequest

pytestmark = pytest.mark.instants


def load_demo():
    call_command("demo_data", stdout=io.StringIO())


def test_the_demo_can_be_loaded_twice_without_doubling(db):
    load_demo()
    load_demo()
    assert Performance.objects.filter(allocation__isnull=False).count() == 2
    assert GuestTicket.objects.count() == 9
    assert PoolRequest.objects.count() == 1


def test_the_orchestra_night_has_named_released_and_waiting_seats(db):
    load_demo()
    allocation = GuestAllocation.objects.select_related("performance").get(
        performance__slug="national-symphony-orchestra-of-ukraine"
    )
    assert (allocation.seats, allocation.companion_seats) == (150, 60)
    assert rules.is_released(allocation)
    quotas = {str(quota): quota for quota in rules.quotas_with_figures(allocation.quotas.all())}
    assert quotas["Dereham Ukraine Aid Centre"].released_seats == 60 - 14
    assert all(quota.free == 0 for quota in quotas.values())
    named = sum(quota.named for quota in quotas.values())
    assert rules.pool_seats(allocation) == 150 - named
    assert allocation.pool_requests.get().status == PoolRequest.Status.WAITING
    assert allocation.tickets.filter(hosts__gt=0).count() >= 4
    with translation.override("uk"):
        assert allocation.performance.title == "Національний симфонічний оркестр України"


def test_the_playhouse_performance_deadline_is_still_ahead(db):
    load_demo()
    allocation = GuestAllocation.objects.get(performance__venue__slug="playhouse")
    assert not rules.is_released(allocation)
    assert sum(allocation.quotas.values_list("seats", flat=True)) == 20
