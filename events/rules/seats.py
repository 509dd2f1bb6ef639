"""The rules of guest seats, each said once. Selectors use the Q/expression forms, services the
one-row forms under the allocation's lock (events.services.tickets).

Seats are people. A confirmed ticket's guests take seats from its quota (or, with no quota,
from the shared pool) and from the allocation's guest seats; its hosts take companion seats.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import GuestAllocation, GuestQuota, GuestTicket, PoolRequest


def holds_seats_q() -> Q:
    """Tickets that hold seats: confirmed ones."""
    return Q(status=GuestTicket.Status.CONFIRMED)


def holds_seats(ticket: GuestTicket) -> bool:
    return ticket.status == GuestTicket.Status.CONFIRMED


def _seats_taken(tickets) -> dict:
    return tickets.filter(holds_seats_q()).aggregate(
        guests=Coalesce(Sum("guests"), 0), hosts=Coalesce(Sum("hosts"), 0)
    )


def quota_seats_free(quota: GuestQuota) -> int:
    """Seats of `quota` not yet named."""
    return quota.seats - _seats_taken(quota.tickets.all())["guests"]


def pool_seats(allocation: GuestAllocation) -> int:
    """The shared pool: guest seats no quota holds."""
    held = allocation.quotas.aggregate(seats=Coalesce(Sum("seats"), 0))["seats"]
    return allocation.seats - held


def _seats_held_by_offers(allocation: GuestAllocation) -> dict:
    return allocation.pool_requests.filter(offer_holds_seats_q(timezone.now())).aggregate(
        guests=Coalesce(Sum("guests"), 0), hosts=Coalesce(Sum("hosts"), 0)
    )


def pool_seats_free(allocation: GuestAllocation) -> int:
    """Pool seats neither named nor held for an open offer to the waiting list."""
    taken = _seats_taken(allocation.tickets.filter(quota__isnull=True))["guests"]
    return pool_seats(allocation) - taken - _seats_held_by_offers(allocation)["guests"]


def companion_seats_free(allocation: GuestAllocation) -> int:
    """Companion seats neither named nor held for an open offer."""
    taken = _seats_taken(allocation.tickets.all())["hosts"]
    return allocation.companion_seats - taken - _seats_held_by_offers(allocation)["hosts"]


def may_take_seats(*, free_seats: int, free_companion_seats: int, guests: int, hosts: int) -> bool:
    """A party fits when its guests fit the seats left in its quota (or the pool) and its
    hosts the companion seats left."""
    return 0 < guests <= free_seats and 0 <= hosts <= free_companion_seats


def is_released(allocation: GuestAllocation) -> bool:
    """Unnamed quota seats have gone back to the pool."""
    return allocation.released_at is not None


# Quotas: staff set and move seats. ----------------------------------------------------------


def quota_named_expression():
    """Guests named against each quota, for annotating a queryset of quotas."""
    return Coalesce(
        Subquery(
            GuestTicket.objects.filter(holds_seats_q(), quota=OuterRef("pk"))
            .order_by()
            .values("quota")
            .annotate(total=Sum("guests"))
            .values("total")
        ),
        0,
    )


def quotas_with_figures(quotas):
    """`quotas` with `named` and `free` (seats not yet named) on each row, in one query."""
    return quotas.annotate(named=quota_named_expression()).annotate(free=F("seats") - F("named"))


def quota_seats_named(quota: GuestQuota) -> int:
    return quota.seats - quota_seats_free(quota)


def may_set_quota_seats(*, seats: int, named: int) -> bool:
    """A quota never holds fewer seats than its partner has named."""
    return seats >= named


def may_split_allocation(*, allocation_seats: int, quota_seats: int, pool_taken: int) -> bool:
    """The quotas never add up to more than the allocation's seats, and what they leave to the
    pool still covers what the pool has given out (named or offered)."""
    return quota_seats + pool_taken <= allocation_seats


def may_set_companion_seats(*, companion_seats: int, hosts_taken: int) -> bool:
    return companion_seats >= hosts_taken


def pool_seats_taken(allocation: GuestAllocation) -> int:
    """Pool seats named or held for an open offer."""
    return pool_seats(allocation) - pool_seats_free(allocation)


def companion_seats_taken(allocation: GuestAllocation) -> int:
    return allocation.companion_seats - companion_seats_free(allocation)


# The release deadline. -----------------------------------------------------------------------


def due_for_release_q(now) -> Q:
    """Allocations whose deadline has come and whose unnamed seats have not gone back yet."""
    return Q(
        released_at__isnull=True,
        release_at__lte=now,
        performance__cancelled_at__isnull=True,
        performance__starts_at__gt=now,
    )


def is_due_for_release(allocation: GuestAllocation, now) -> bool:
    performance = allocation.performance
    return (
        allocation.released_at is None
        and allocation.release_at <= now
        and performance.cancelled_at is None
        and performance.starts_at > now
    )


def may_release(allocation: GuestAllocation, now) -> bool:
    """Staff may also release before the deadline, once, while the performance is to come."""
    performance = allocation.performance
    return (
        allocation.released_at is None
        and performance.cancelled_at is None
        and (performance.starts_at > now)
    )


# The pool's waiting list. -------------------------------------------------------------------


def offer_holds_seats_q(now) -> Q:
    """Offers still open: their seats are kept for them."""
    return Q(status=PoolRequest.Status.OFFERED, offer_expires_at__gt=now)


def offer_holds_seats(request: PoolRequest, now) -> bool:
    return request.status == PoolRequest.Status.OFFERED and request.offer_expires_at > now


def offer_expired_q(now) -> Q:
    return Q(status=PoolRequest.Status.OFFERED, offer_expires_at__lte=now)


def waiting_q() -> Q:
    return Q(status=PoolRequest.Status.WAITING)


def pool_open_q(now) -> Q:
    """Allocations whose pool still gives seats out: the performance is to come."""
    return to_come_q(now)


def pool_is_open(allocation: GuestAllocation, now) -> bool:
    performance = allocation.performance
    return performance.cancelled_at is None and performance.starts_at > now


def pool_in_strict_order(allocation: GuestAllocation, now) -> bool:
    """Until EVENTS_POOL_STRICT_HOURS before the performance the waiting list goes strictly in
    order; from then on, whoever fits is offered, earliest first, so no seat stays empty."""
    strict_until = allocation.performance.starts_at - _hours(settings.EVENTS_POOL_STRICT_HOURS)
    return now < strict_until


def may_offer(
    *, guests: int, hosts: int, free: int, free_companions: int, strict: bool, passes_someone: bool
) -> bool:
    """The pool's waiting list, in the order people joined it: the request at the head is
    offered seats when its whole party fits the pool seats free (and its hosts the companion
    seats). While the list goes strictly in order, a party that does not fit holds back those
    behind it: a smaller party that joined later never passes it, until its offer expires or is
    declined. Near the performance (pool_in_strict_order false) whoever fits is offered."""
    if strict and passes_someone:
        return False
    return may_take_seats(
        free_seats=free, free_companion_seats=free_companions, guests=guests, hosts=hosts
    )


def offer_may_be_accepted(request: PoolRequest, now) -> bool:
    return offer_holds_seats(request, now) and pool_is_open(request.allocation, now)


def offer_hours():
    return _hours(settings.EVENTS_POOL_OFFER_HOURS)


def _hours(hours: int) -> timedelta:
    return timedelta(hours=hours)


def waitlist_rule_words() -> str:
    return _(
        "Seats that come back to the shared pool are offered to the waiting list in the order "
        "people joined it. A party is not passed over by a smaller one that joined later; each "
        "offer is kept for a while, then goes to the next party."
    )


def may_join_pool(*, quota_free: int, guests: int) -> bool:
    """A partner asks the pool for a party only when it no longer fits their quota."""
    return guests > quota_free


def to_come_q(now, prefix: str = "") -> Q:
    """Allocations (through `prefix`, e.g. "allocation__") whose performance is still to come
    and not cancelled: the same as pool_open_q, from another table."""
    return Q(
        **{
            f"{prefix}performance__cancelled_at__isnull": True,
            f"{prefix}performance__starts_at__gt": now,
        }
    )


def doors_open_in_time(*, doors_at, starts_at) -> bool:
    """Doors open before (or as) the performance starts."""
    return doors_at <= starts_at


def pool_request_past_keeping_q(now) -> Q:
    """Waiting-list entries whose performance ended EVENTS_KEEP_DAYS ago: who asked is
    forgotten (the counts stay)."""
    return Q(
        anonymised_at__isnull=True,
        allocation__performance__starts_at__lt=now - timedelta(days=settings.EVENTS_KEEP_DAYS),
    )
