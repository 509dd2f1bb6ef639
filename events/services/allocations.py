"""Staff share an allocation's guest seats between partners and the pool; partners withdraw
parties they named. Every write locks the allocation's row first (allocation_lock)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import rules
from events.models import GuestAllocation, GuestQuota, GuestTicket
from events.services.pool import pool_offers_make
from events.services.tickets import TicketError, allocation_lock
from partners.models import PartnerOrganisation
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record


class AllocationError(TicketError):
    """Seats cannot be set or moved as asked. The message is for staff."""


@dataclass(frozen=True)
class QuotaSeats:
    """One quota as staff set it: an existing one (pk) or a new one for `organisation`."""

    seats: int
    pk: int | None = None
    organisation: PartnerOrganisation | None = None


def _check_split(allocation: GuestAllocation) -> None:
    """Raise AllocationError unless the allocation, as it now stands, keeps every rule."""
    quotas = list(rules.quotas_with_figures(allocation.quotas.all()))
    for quota in quotas:
        if not rules.may_set_quota_seats(seats=quota.seats, named=quota.named):
            raise AllocationError(
                _("%(partner)s has named %(named)s guests: their quota cannot be smaller.")
                % {"partner": quota, "named": quota.named}
            )
    if not rules.may_split_allocation(
        allocation_seats=allocation.seats,
        quota_seats=sum(quota.seats for quota in quotas),
        pool_taken=rules.pool_seats_taken(allocation),
    ):
        raise AllocationError(
            _("The quotas and the seats given from the pool add up to more than the guest seats.")
        )
    if not rules.may_set_companion_seats(
        companion_seats=allocation.companion_seats,
        hosts_taken=rules.companion_seats_taken(allocation),
    ):
        raise AllocationError(_("More hosts are named than the companion seats."))


@transaction.atomic
def allocation_save(
    *,
    allocation: GuestAllocation,
    quotas: list[QuotaSeats],
    actor: User | None,
) -> GuestAllocation:
    """Create or change an allocation and its quotas together, then check the whole split
    under the lock: nothing above the allocation, no quota below what its partner named."""
    if allocation.pk is not None:
        locked = allocation_lock(allocation.pk)
        before = {
            "seats": locked.seats,
            "companion_seats": locked.companion_seats,
            "release_at": locked.release_at.isoformat(),
        }
    else:
        before = {}
    allocation.full_clean(exclude=["performance"])
    allocation.save()
    changes = {}
    for wanted in quotas:
        if wanted.pk is None:
            quota = GuestQuota(
                allocation=allocation, organisation=wanted.organisation, seats=wanted.seats
            )
            quota.full_clean(exclude=["allocation"], validate_unique=False)
            quota.save()
            changes[str(quota)] = {"old": None, "new": quota.seats}
            continue
        quota = GuestQuota.objects.get(pk=wanted.pk, allocation=allocation)
        if quota.seats != wanted.seats:
            changes[str(quota)] = {"old": quota.seats, "new": wanted.seats}
            quota.seats = wanted.seats
            quota.save(update_fields=["seats"])
    _check_split(allocation)
    after = {
        "seats": allocation.seats,
        "companion_seats": allocation.companion_seats,
        "release_at": allocation.release_at.isoformat(),
    }
    audit_record(
        actor=actor,
        action="guest_allocation.save" if before else "guest_allocation.create",
        obj=allocation,
        before=before,
        after=after,
        detail={"quotas": changes} if changes else None,
    )
    pool_offers_make(allocation, timezone.now())
    return allocation


@transaction.atomic
def quota_move(
    *,
    allocation_id: int,
    from_quota_id: int | None,
    to_quota_id: int | None,
    seats: int,
    actor: User | None,
) -> GuestAllocation:
    """Move `seats` from one partner's quota to another's, or to or from the shared pool (None).
    A quota never goes below what its partner has named; the pool never gives away seats it has
    given out or offered; the total stays the allocation's."""
    allocation = allocation_lock(allocation_id)
    if seats < 1 or from_quota_id == to_quota_id:
        raise AllocationError(_("Choose how many seats to move, and two different places."))
    source = target = None
    if from_quota_id is None:
        free = rules.pool_seats_free(allocation)
    else:
        source = GuestQuota.objects.get(pk=from_quota_id, allocation=allocation)
        free = rules.quota_seats_free(source)
    if seats > free:
        raise AllocationError(
            _("Only %(free)s seats there are not named or offered: move that many at most.")
            % {"free": free}
        )
    if to_quota_id is not None:
        target = GuestQuota.objects.get(pk=to_quota_id, allocation=allocation)
    if source is not None:
        source.seats -= seats
        source.save(update_fields=["seats"])
    if target is not None:
        target.seats += seats
        target.save(update_fields=["seats"])
    _check_split(allocation)
    audit_record(
        actor=actor,
        action="guest_allocation.move",
        obj=allocation,
        detail={
            "seats": seats,
            "from": str(source) if source else "pool",
            "to": str(target) if target else "pool",
        },
    )
    if target is None:
        pool_offers_make(allocation, timezone.now())
    return allocation


@transaction.atomic
def ticket_withdraw(*, ticket_id: int, organisation: PartnerOrganisation, actor: User | None):
    """A partner worker withdraws a party their organisation named: its seats are free again.
    After the release deadline they go to the pool (and its waiting list), like every seat the
    partner has not named by then."""
    ticket = GuestTicket.objects.only("allocation_id").get(pk=ticket_id, organisation=organisation)
    allocation = allocation_lock(ticket.allocation_id)
    ticket = lock_row(GuestTicket.objects.select_related("quota"), ticket_id)
    if not rules.holds_seats(ticket):
        return ticket
    if not rules.pool_is_open(allocation, timezone.now()):
        raise AllocationError(_("Sorry, this performance has started or is cancelled."))
    ticket.status = GuestTicket.Status.CANCELLED
    ticket.cancelled_at = timezone.now()
    ticket.save(update_fields=["status", "cancelled_at", "updated_at"])
    quota = ticket.quota
    if quota is not None and rules.is_released(allocation):
        quota.seats -= ticket.guests
        quota.released_seats += ticket.guests
        quota.save(update_fields=["seats", "released_seats"])
    audit_record(
        actor=actor,
        action="guest_ticket.withdraw",
        obj=ticket,
        detail={"guests": ticket.guests, "hosts": ticket.hosts},
    )
    pool_offers_make(allocation, timezone.now())
    return ticket
