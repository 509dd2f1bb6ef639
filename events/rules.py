"""The rules of guest seats, each said once. Selectors use the Q/expression forms, services the
one-row forms under the allocation's lock (events.services.tickets).

Seats are people. A confirmed ticket's guests take seats from its quota (or, with no quota,
from the shared pool) and from the allocation's guest seats; its hosts take companion seats.
"""

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from events.models import GuestAllocation, GuestQuota, GuestTicket


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


def pool_seats_free(allocation: GuestAllocation) -> int:
    taken = _seats_taken(allocation.tickets.filter(quota__isnull=True))["guests"]
    return pool_seats(allocation) - taken


def companion_seats_free(allocation: GuestAllocation) -> int:
    return allocation.companion_seats - _seats_taken(allocation.tickets.all())["hosts"]


def may_take_seats(*, free_seats: int, free_companion_seats: int, guests: int, hosts: int) -> bool:
    """A party fits when its guests fit the seats left in its quota (or the pool) and its
    hosts the companion seats left."""
    return 0 < guests <= free_seats and 0 <= hosts <= free_companion_seats


def is_released(allocation: GuestAllocation) -> bool:
    """Unnamed quota seats have gone back to the pool."""
    return allocation.released_at is not None
