"""The release deadline: seats a partner has not named by then go back to the shared pool, and
the pool's waiting list is offered them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import rules
from events.models import GuestAllocation
from events.services.pool import pool_offers_make
from events.services.tickets import TicketError, allocation_lock
from sanctuary.models import User
from sanctuary.services import audit_record


@transaction.atomic
def allocation_release(
    *, allocation_id: int, now=None, actor: User | None = None, early: bool = False
) -> int:
    """Shrink each quota to what its partner has named (released_seats keeps the rest, for the
    figures), so those seats join the pool, then offer them to the waiting list. Beat calls it
    at the deadline; staff may call it earlier (`early`). Returns the seats released: none if
    it was already done, so running it twice changes nothing."""
    now = now or timezone.now()
    allocation = allocation_lock(allocation_id)
    due = rules.may_release(allocation, now) if early else rules.is_due_for_release(allocation, now)
    if not due:
        if early and not rules.is_released(allocation):
            raise TicketError(_("This performance has started or is cancelled."))
        return 0
    released = {}
    for quota in rules.quotas_with_figures(allocation.quotas.all()):
        if quota.free <= 0:
            continue
        quota.released_seats += quota.free
        released[str(quota)] = quota.free
        quota.seats = quota.named
        quota.save(update_fields=["seats", "released_seats"])
    allocation.released_at = now
    allocation.save(update_fields=["released_at", "updated_at"])
    audit_record(
        actor=actor,
        action="guest_allocation.release",
        obj=allocation,
        detail={"released": released, "early": early},
    )
    pool_offers_make(allocation, now)
    return sum(released.values())


def allocations_release(*, now=None) -> int:
    """Beat's scan: every allocation whose deadline has come, each under its own lock and in
    its own transaction. Returns the seats released."""
    now = now or timezone.now()
    due = (
        GuestAllocation.objects.filter(rules.due_for_release_q(now))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(allocation_release(allocation_id=pk, now=now) for pk in due)
