"""The release deadline: unnamed seats join the pool, whose waiting list is offered them in
order, with an expiry."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import rules, services
from events.models import GuestAllocation, PoolRequest
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import render_message
from tests.events.helpers import ask_pool, name_party, quota_of

pytestmark = pytest.mark.django_db

DEREHAM = "Dereham Ukraine Aid Centre"


def reload(allocation):
    return GuestAllocation.objects.select_related("performance").get(pk=allocation.pk)


def test_release_shrinks_each_quota_to_what_is_named(allocation, clock):
    name_party(allocation, quota_of(allocation, DEREHAM), guests=4, hosts=1)
    clock.move_to(allocation.release_at + timedelta(minutes=1))

    released = services.allocations_release()

    assert released == 150 - 4
    dereham = quota_of(allocation, DEREHAM)
    assert (dereham.seats, dereham.released_seats) == (4, 56)
    assert rules.pool_seats_free(reload(allocation)) == 146
    assert rules.is_released(reload(allocation))


def test_release_runs_once_and_twice_changes_nothing(allocation, clock):
    clock.move_to(allocation.release_at + timedelta(minutes=1))
    services.allocations_release()
    before = list(allocation.quotas.values_list("seats", "released_seats"))
    assert services.allocations_release() == 0
    assert list(allocation.quotas.values_list("seats", "released_seats")) == before


def test_nothing_is_released_before_the_deadline(allocation):
    assert services.allocations_release() == 0
    assert not rules.is_released(reload(allocation))


def test_staff_may_release_early(allocation):
    released = services.allocation_release(allocation_id=allocation.pk, actor=None, early=True)
    assert released == 150


def test_due_for_release_agrees_in_both_forms(allocation, clock):
    for moment in (timezone.now(), allocation.release_at + timedelta(minutes=1)):
        clock.move_to(moment)
        now = timezone.now()
        in_sql = GuestAllocation.objects.filter(rules.due_for_release_q(now), pk=allocation.pk)
        assert in_sql.exists() is rules.is_due_for_release(reload(allocation), now)


def test_the_waiting_list_is_offered_released_seats_in_order(allocation, clock, settings):
    dereham = quota_of(allocation, DEREHAM)
    for index in range(6):
        name_party(allocation, dereham, guests=10, first_name=f"Family {index}")
    first = ask_pool(allocation, guests=3, email="iryna@example.org")
    assert first.status == PoolRequest.Status.WAITING  # the pool has no seats yet
    clock.move_to(allocation.release_at + timedelta(minutes=1))

    services.allocations_release()

    first.refresh_from_db()
    assert first.status == PoolRequest.Status.OFFERED
    left = first.offer_expires_at - timezone.now()
    assert timedelta(hours=settings.EVENTS_POOL_OFFER_HOURS) - timedelta(minutes=1) < left
    assert left <= timedelta(hours=settings.EVENTS_POOL_OFFER_HOURS)
    message = OutgoingMessage.objects.get(
        template="guest_pool_offer", recipient="iryna@example.org"
    )
    subject, body = render_message(
        template=message.template, channel="email", language="uk", context=message.context
    )
    assert "National Symphony Orchestra of Ukraine" in subject
    assert f"/pool/offer/{first.offer_token}/" in body


def _pool_of(allocation, seats):
    services.quota_move(
        allocation_id=allocation.pk,
        from_quota_id=quota_of(allocation, DEREHAM).pk,
        to_quota_id=None,
        seats=seats,
        actor=None,
    )


def test_a_bigger_party_at_the_head_is_not_passed_over(allocation):
    head = ask_pool(allocation, guests=5, first_name="Head")
    later = ask_pool(allocation, guests=2, first_name="Later")
    _pool_of(allocation, 3)
    head.refresh_from_db()
    later.refresh_from_db()
    assert (head.status, later.status) == ("waiting", "waiting")
    _pool_of(allocation, 2)
    head.refresh_from_db()
    assert head.status == PoolRequest.Status.OFFERED


def test_an_expired_offer_passes_to_the_next(allocation, clock):
    _pool_of(allocation, 4)
    head = ask_pool(allocation, guests=4, first_name="Head")
    later = ask_pool(allocation, guests=4, first_name="Later")
    head.refresh_from_db()
    assert head.status == PoolRequest.Status.OFFERED
    clock.move_to(head.offer_expires_at + timedelta(minutes=1))

    assert services.pool_offers_refresh() == 1
    assert services.pool_offers_refresh() == 0  # twice changes nothing

    head.refresh_from_db()
    later.refresh_from_db()
    assert (head.status, later.status) == ("expired", "offered")


def test_a_declined_offer_passes_to_the_next(allocation):
    _pool_of(allocation, 2)
    head = ask_pool(allocation, guests=2)
    later = ask_pool(allocation, guests=2)
    services.pool_request_withdraw(pool_request_id=head.pk, actor=None)
    later.refresh_from_db()
    assert later.status == PoolRequest.Status.OFFERED


def test_accepting_an_offer_makes_a_pool_ticket_once(allocation):
    _pool_of(allocation, 3)
    request = ask_pool(allocation, guests=2, hosts=1)
    ticket = services.pool_offer_accept(pool_request_id=request.pk, actor=None)
    again = services.pool_offer_accept(pool_request_id=request.pk, actor=None)
    assert ticket == again
    assert ticket.quota is None and ticket.guests == 2 and ticket.hosts == 1
    assert rules.pool_seats_free(reload(allocation)) == 1


def test_an_expired_offer_cannot_be_accepted(allocation, clock):
    _pool_of(allocation, 3)
    request = ask_pool(allocation, guests=2)
    clock.move_to(request.offer_expires_at + timedelta(seconds=1))
    with pytest.raises(services.TicketError):
        services.pool_offer_accept(pool_request_id=request.pk, actor=None)


def test_seats_held_for_an_offer_are_not_named_by_others(allocation):
    _pool_of(allocation, 2)
    ask_pool(allocation, guests=2)
    with pytest.raises(services.TicketError):
        name_party(allocation, None, guests=1)


def test_near_the_performance_whoever_fits_is_offered(allocation, clock, settings):
    _pool_of(allocation, 3)
    head = ask_pool(allocation, guests=5)
    later = ask_pool(allocation, guests=2)
    later.refresh_from_db()
    assert later.status == PoolRequest.Status.WAITING
    starts_at = allocation.performance.starts_at
    clock.move_to(starts_at - timedelta(hours=settings.EVENTS_POOL_STRICT_HOURS - 1))
    services.pool_offers_refresh()
    head.refresh_from_db()
    later.refresh_from_db()
    assert (head.status, later.status) == ("waiting", "offered")
    assert later.offer_expires_at <= starts_at


@pytest.mark.parametrize(
    ("guests", "free", "strict", "passed", "expected"),
    [
        (2, 3, True, False, True),
        (2, 3, True, True, False),
        (2, 3, False, True, True),
        (4, 3, False, False, False),
    ],
)
def test_offer_rule(guests, free, strict, passed, expected):
    assert (
        rules.may_offer(
            guests=guests,
            hosts=0,
            free=free,
            free_companions=0,
            strict=strict,
            passes_someone=passed,
        )
        is expected
    )


def test_open_offers_agree_in_both_forms(allocation, clock):
    _pool_of(allocation, 3)
    request = ask_pool(allocation, guests=2)
    request.refresh_from_db()
    for moment in (timezone.now(), request.offer_expires_at + timedelta(seconds=1)):
        clock.move_to(moment)
        now = timezone.now()
        in_sql = PoolRequest.objects.filter(rules.offer_holds_seats_q(now), pk=request.pk).exists()
        assert in_sql is rules.offer_holds_seats(request, now)
