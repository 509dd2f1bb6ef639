"""Staff share guest seats between partners and the pool: nothing ever goes over the
allocation, no quota below what its partner named."""

import pytest

from events import rules, services
from events.models import GuestAllocation
from sanctuary.models import AuditEvent
from tests.events.helpers import name_party, quota_of

pytestmark = pytest.mark.django_db

DEREHAM, BRIDGE = "Dereham Ukraine Aid Centre", "The Bridge Plus+"


def figures(allocation):
    return {
        str(quota): (quota.seats, quota.named, quota.free)
        for quota in rules.quotas_with_figures(allocation.quotas.all())
    }


def test_the_split_leaves_no_pool_when_the_quotas_take_every_seat(allocation):
    assert rules.pool_seats(allocation) == 0
    assert sum(quota.seats for quota in allocation.quotas.all()) == allocation.seats


def test_moving_seats_between_partners_keeps_the_total(allocation):
    dereham, bridge = quota_of(allocation, DEREHAM), quota_of(allocation, BRIDGE)
    services.quota_move(
        allocation_id=allocation.pk,
        from_quota_id=dereham.pk,
        to_quota_id=bridge.pk,
        seats=10,
        actor=None,
    )
    assert figures(allocation)[DEREHAM] == (50, 0, 50)
    assert figures(allocation)[BRIDGE] == (50, 0, 50)
    assert AuditEvent.objects.filter(action="guest_allocation.move").count() == 1


def test_seats_move_to_the_pool_and_back(allocation):
    dereham = quota_of(allocation, DEREHAM)
    services.quota_move(
        allocation_id=allocation.pk, from_quota_id=dereham.pk, to_quota_id=None, seats=5, actor=None
    )
    assert rules.pool_seats(allocation) == 5
    services.quota_move(
        allocation_id=allocation.pk, from_quota_id=None, to_quota_id=dereham.pk, seats=5, actor=None
    )
    assert rules.pool_seats(allocation) == 0


def test_a_quota_never_goes_below_what_its_partner_named(allocation):
    bridge = quota_of(allocation, BRIDGE)
    name_party(allocation, bridge, guests=10)
    name_party(allocation, bridge, guests=10)
    name_party(allocation, bridge, guests=10)
    with pytest.raises(services.AllocationError):
        services.quota_move(
            allocation_id=allocation.pk,
            from_quota_id=bridge.pk,
            to_quota_id=None,
            seats=11,
            actor=None,
        )
    assert figures(allocation)[BRIDGE] == (40, 30, 10)


def test_the_pool_never_gives_away_seats_it_has_not_got(allocation):
    with pytest.raises(services.AllocationError):
        services.quota_move(
            allocation_id=allocation.pk,
            from_quota_id=None,
            to_quota_id=quota_of(allocation, DEREHAM).pk,
            seats=1,
            actor=None,
        )


def test_the_quotas_never_add_up_to_more_than_the_allocation(allocation):
    dereham = quota_of(allocation, DEREHAM)
    with pytest.raises(services.AllocationError):
        services.allocation_save(
            allocation=allocation,
            quotas=[services.QuotaSeats(pk=dereham.pk, seats=61)],
            actor=None,
        )
    assert quota_of(allocation, DEREHAM).seats == 60


def test_saving_a_split_checks_the_end_state_not_each_step(allocation):
    """Staff lower one quota and raise another in one save: the order of the rows is not a
    reason to refuse."""
    dereham, bridge = quota_of(allocation, DEREHAM), quota_of(allocation, BRIDGE)
    services.allocation_save(
        allocation=GuestAllocation.objects.get(pk=allocation.pk),
        quotas=[
            services.QuotaSeats(pk=bridge.pk, seats=50),
            services.QuotaSeats(pk=dereham.pk, seats=50),
        ],
        actor=None,
    )
    assert figures(allocation)[BRIDGE][0] == 50


def test_fewer_companion_seats_than_hosts_named_is_refused(allocation):
    name_party(allocation, quota_of(allocation, DEREHAM), guests=4, hosts=2)
    allocation.companion_seats = 1
    with pytest.raises(services.AllocationError):
        services.allocation_save(allocation=allocation, quotas=[], actor=None)


def test_a_party_takes_seats_only_from_its_own_quota(allocation):
    new_routes = quota_of(allocation, "New Routes")
    name_party(allocation, new_routes, guests=10)
    name_party(allocation, new_routes, guests=10)
    name_party(allocation, new_routes, guests=10)
    with pytest.raises(services.TicketError):
        name_party(allocation, new_routes, guests=1)
    assert figures(allocation)["New Routes"] == (30, 30, 0)
    assert figures(allocation)[DEREHAM] == (60, 0, 60)


@pytest.mark.parametrize(
    ("seats", "named", "expected"), [(5, 5, True), (5, 4, True), (4, 5, False), (0, 0, True)]
)
def test_quota_seats_rule(seats, named, expected):
    assert rules.may_set_quota_seats(seats=seats, named=named) is expected


def test_the_figures_per_quota_agree_with_the_one_row_rule(allocation):
    """The annotation selectors use and the function services use give the same counts."""
    name_party(allocation, quota_of(allocation, DEREHAM), guests=4, hosts=1)
    name_party(allocation, quota_of(allocation, BRIDGE), guests=3)
    cancelled = name_party(allocation, quota_of(allocation, BRIDGE), guests=2)
    cancelled.status = cancelled.Status.CANCELLED
    cancelled.save()
    for quota in rules.quotas_with_figures(allocation.quotas.all()):
        assert quota.free == rules.quota_seats_free(quota)
        assert quota.named == rules.quota_seats_named(quota)
