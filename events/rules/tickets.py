"""The rules of claim links and of a guest's own ticket, each said once: a Q for selectors, a
one-row function for services under the lock."""

from datetime import timedelta

from django.db.models import F, Q

from events.models import GuestQuota, GuestTicket
from events.rules.seats import holds_seats, holds_seats_q, to_come_q

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


def may_guest_cancel_q(now) -> Q:
    """Tickets whose guests can still say "we can no longer come": confirmed, and the
    performance not yet started."""
    return holds_seats_q() & to_come_q(now, prefix="allocation__")


def may_guest_cancel(ticket: GuestTicket, now) -> bool:
    performance = ticket.allocation.performance
    return holds_seats(ticket) and performance.cancelled_at is None and performance.starts_at > now


def offers_calendar_q() -> Q:
    """Tickets that offer "Add to my calendar" (the link and its file) and a door code: those
    holding seats at a performance that is not cancelled."""
    return holds_seats_q() & Q(allocation__performance__cancelled_at__isnull=True)


def offers_calendar(ticket: GuestTicket) -> bool:
    return holds_seats(ticket) and ticket.allocation.performance.cancelled_at is None


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
