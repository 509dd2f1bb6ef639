"""The rules of guest seats, each said once. Selectors use the Q/expression forms, services the
one-row forms under the allocation's lock (events.services.tickets).

Seats are people. A confirmed ticket's guests take seats from its quota (or, with no quota,
from the shared pool) and from the allocation's guest seats; its hosts take companion seats.
"""

from datetime import timedelta

from django.db.models import F, Q, Sum
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


# Claim links ------------------------------------------------------------------------------


def claim_link_usable_q(now) -> Q:
    """Claim links a guest can still use: not used, not withdrawn, not expired, and their
    performance neither cancelled nor started."""
    return Q(
        ticket__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
        quota__allocation__performance__cancelled_at__isnull=True,
        quota__allocation__performance__starts_at__gt=now,
    )


def is_claim_link_usable(link, now) -> bool:
    performance = link.quota.allocation.performance
    return (
        link.ticket_id is None
        and link.revoked_at is None
        and link.expires_at > now
        and performance.cancelled_at is None
        and performance.starts_at > now
    )


def claim_link_state(link, now) -> str:
    """What a claim link is now, said once for the guest's page and the worker's list:
    "used", "withdrawn", "expired" or "unused"."""
    if link.ticket_id is not None:
        return "used"
    if link.revoked_at is not None:
        return "withdrawn"
    if not is_claim_link_usable(link, now):
        return "expired"
    return "unused"


def may_revoke_claim_link(link, now) -> bool:
    """Only a link nobody has used yet can be withdrawn (an expired one needs no withdrawing)."""
    return is_claim_link_usable(link, now)


# A guest's own ticket --------------------------------------------------------------------


def still_to_come_q(now, prefix: str = "allocation__performance__") -> Q:
    return Q(**{f"{prefix}cancelled_at__isnull": True, f"{prefix}starts_at__gt": now})


def may_guest_cancel_q(now) -> Q:
    """Tickets whose guests can still say "we can no longer come": confirmed, and the
    performance not yet started."""
    return holds_seats_q() & still_to_come_q(now)


def may_guest_cancel(ticket: GuestTicket, now) -> bool:
    performance = ticket.allocation.performance
    return holds_seats(ticket) and performance.cancelled_at is None and performance.starts_at > now


def reminder_due_q(now, lead) -> Q:
    """Confirmed tickets of performances starting within `lead`, not reminded yet, made before
    the reminder window opened (a ticket made later has just had its confirmation)."""
    return (
        may_guest_cancel_q(now)
        & Q(
            reminder_queued_at__isnull=True,
            allocation__performance__starts_at__lte=now + lead,
            created_at__lte=F("allocation__performance__starts_at") - lead,
        )
        & ~Q(email="", phone="")
    )


def past_keeping_q(now, keep_days: int) -> Q:
    """Tickets whose performance is more than `keep_days` past: their guests are forgotten."""
    return Q(
        anonymised_at__isnull=True,
        allocation__performance__starts_at__lt=now - timedelta(days=keep_days),
    )


def may_send_links_q(now) -> Q:
    """Quotas a partner may still send claim links for: the release deadline not reached nor
    the seats released, the performance neither cancelled nor started."""
    return Q(
        allocation__released_at__isnull=True,
        allocation__release_at__gt=now,
        allocation__performance__cancelled_at__isnull=True,
        allocation__performance__starts_at__gt=now,
    )


def may_send_links(quota: GuestQuota, now) -> bool:
    allocation = quota.allocation
    performance = allocation.performance
    return (
        allocation.released_at is None
        and allocation.release_at > now
        and performance.cancelled_at is None
        and performance.starts_at > now
    )
