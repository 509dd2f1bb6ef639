"""Many hands on one allocation at once, against the real PostgreSQL: partners naming guests,
staff moving seats and the release deadline never go over a quota, the allocation or the
companion seats, and never lose or double a seat."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from events import rules, services
from events.models import GuestAllocation, GuestTicket
from tests.events.helpers import make_allocation, name_party, quota_of

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 16
DEREHAM, BRIDGE, NEW_ROUTES = "Dereham Ukraine Aid Centre", "The Bridge Plus+", "New Routes"


def race(target, count: int) -> list:
    """Run `target(i)` in `count` threads released at the same moment; return what each
    returned or raised."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = target(index)
        except Exception as error:  # the test inspects it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def unexpected(results):
    return [
        result
        for result in results
        if isinstance(result, Exception) and not isinstance(result, services.TicketError)
    ]


def assert_invariants(allocation_id):
    """Every seat is in exactly one place: a quota or the pool; nothing is over."""
    allocation = GuestAllocation.objects.select_related("performance").get(pk=allocation_id)
    quotas = list(rules.quotas_with_figures(allocation.quotas.all()))
    assert all(0 <= quota.named <= quota.seats for quota in quotas)
    assert sum(quota.seats for quota in quotas) + rules.pool_seats(allocation) == allocation.seats
    assert 0 <= rules.pool_seats_free(allocation) <= rules.pool_seats(allocation)
    assert rules.companion_seats_free(allocation) >= 0
    held = GuestTicket.objects.filter(rules.holds_seats_q(), allocation=allocation)
    assert sum(ticket.guests for ticket in held) <= allocation.seats
    released = sum(quota.released_seats for quota in quotas)
    return allocation, quotas, released


@pytest.mark.parametrize("attempt", range(3))
def test_partners_naming_at_once_never_exceed_a_quota_or_the_companion_seats(attempt):
    assert connection.vendor == "postgresql"
    allocation = make_allocation(
        seats=30, companion_seats=5, quotas={DEREHAM: 10, BRIDGE: 10, NEW_ROUTES: 10}
    )
    quotas = [quota_of(allocation, name) for name in (DEREHAM, BRIDGE, NEW_ROUTES)]

    results = race(
        lambda index: name_party(
            allocation,
            quotas[index % 3],
            guests=1 + index % 3,
            hosts=index % 2,
            first_name=f"P{index}",
        ),
        THREADS * 2,
    )

    assert not unexpected(results)
    allocation, quotas, _released = assert_invariants(allocation.pk)
    # Every refusal was for want of seats: the quota, or the companion seats, could not take it.
    assert all(quota.named >= 8 or rules.companion_seats_free(allocation) < 1 for quota in quotas)
    assert rules.companion_seats_free(allocation) >= 0


def test_the_last_seats_of_a_quota_go_exactly():
    allocation = make_allocation(seats=5, companion_seats=0, quotas={DEREHAM: 5})
    dereham = quota_of(allocation, DEREHAM)

    results = race(lambda index: name_party(allocation, dereham, first_name=f"P{index}"), THREADS)

    assert len([result for result in results if isinstance(result, GuestTicket)]) == 5
    assert not unexpected(results)
    assert_invariants(allocation.pk)


@pytest.mark.parametrize("attempt", range(3))
def test_release_racing_with_naming_and_moves_never_loses_or_doubles_a_seat(attempt, clock):
    allocation = make_allocation(release_in=timedelta(minutes=5))
    names = (DEREHAM, BRIDGE, NEW_ROUTES, None)
    quotas = {name: quota_of(allocation, name) for name in names}
    clock.move_to(allocation.release_at + timedelta(seconds=1))

    def act(index):
        if index == 0:
            return services.allocations_release()
        if index % 4 == 1:
            return services.quota_move(
                allocation_id=allocation.pk,
                from_quota_id=quotas[DEREHAM].pk,
                to_quota_id=quotas[BRIDGE].pk if index % 8 == 1 else None,
                seats=2,
                actor=None,
            )
        if index % 4 == 2:
            return services.pool_request_create(
                allocation_id=allocation.pk,
                quota_id=None,
                first_name=f"W{index}",
                guests=2,
                hosts=0,
                language="uk",
            )
        return name_party(allocation, quotas[names[index % 4]], guests=3, first_name=f"P{index}")

    results = race(act, THREADS)

    assert not unexpected(results)
    allocation, quotas_now, released = assert_invariants(allocation.pk)
    assert rules.is_released(allocation)
    # After the release every quota holds only what it has named; all the rest is the pool's.
    assert all(quota.free == 0 for quota in quotas_now)
    assert rules.pool_seats(allocation) == 150 - sum(quota.named for quota in quotas_now)
    # The pool started empty: it holds exactly what was released and what staff moved to it.
    moved_to_pool = sum(
        2
        for index, result in enumerate(results)
        if index % 8 == 5 and isinstance(result, GuestAllocation)
    )
    assert rules.pool_seats(allocation) == released + moved_to_pool


def test_accepting_offers_and_staff_moves_at_once_keep_the_pool_whole():
    allocation = make_allocation(seats=20, companion_seats=4, quotas={DEREHAM: 10, BRIDGE: 10})
    dereham = quota_of(allocation, DEREHAM)
    services.quota_move(
        allocation_id=allocation.pk, from_quota_id=dereham.pk, to_quota_id=None, seats=6, actor=None
    )
    requests = [
        services.pool_request_create(
            allocation_id=allocation.pk,
            quota_id=None,
            first_name=f"W{index}",
            guests=2,
            hosts=0,
            language="uk",
        )
        for index in range(4)
    ]

    def act(index):
        if index < 4:
            return services.pool_offer_accept(pool_request_id=requests[index].pk, actor=None)
        return services.quota_move(
            allocation_id=allocation.pk,
            from_quota_id=None,
            to_quota_id=dereham.pk,
            seats=1,
            actor=None,
        )

    results = race(act, 8)

    assert not unexpected(results)
    tickets = [result for result in results[:4] if isinstance(result, GuestTicket)]
    assert len(tickets) == 3  # three parties of two were offered the six seats
    allocation, _quotas, _released = assert_invariants(allocation.pk)
    assert rules.pool_seats_free(allocation) == 0
