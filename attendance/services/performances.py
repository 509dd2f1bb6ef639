"""Every write about a performance's door: taps from the volunteers' tablets (through the
shared machinery in attendance.services.taps), forgetting walk-ups' names, and what is recorded
after the night (the donations raised, and for which partner)."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from attendance import rules
from attendance.models import CheckIn, RegisterAction
from attendance.services.taps import Door, RegisterTap, TapResult, tap_apply
from events.models import Performance
from partners.models import PartnerOrganisation
from sanctuary.audit import values
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record


def performance_lock(performance_id: int) -> Performance:
    """Taps at one performance's door are applied one at a time, behind this lock. It is the
    performance's row, not its allocation's: checking people in never waits for naming."""
    return lock_row(Performance.objects.select_related("venue"), performance_id)


class PerformanceDoor(Door):
    """A performance's door: guest tickets are the parties, guests and hosts counted."""

    field = "performance"
    numbers = ("guests", "hosts")
    party_field = "ticket"
    no_party = RegisterAction.Reason.NO_TICKET

    def refusal(self, happened_at) -> str:
        if self.row.cancelled_at is not None:
            return RegisterAction.Reason.SHOW_CANCELLED
        return ""

    def party(self, tap: RegisterTap):
        if tap.ticket_id is None:
            return None
        return rules.door_list(self.row).filter(pk=tap.ticket_id).first()


@transaction.atomic
def door_apply(
    *, performance_id: int, tap: RegisterTap, actor: User | None, station: str = "", now=None
) -> TapResult:
    """Apply one tap from a tablet to a performance's door, at most once (see tap_apply). A
    check-in without numbers brings the ticket's whole party: its guests and its hosts."""
    door = PerformanceDoor(performance_lock(performance_id))
    return tap_apply(door=door, tap=tap, actor=actor, station=station, now=now or timezone.now())


def door_walk_ups_anonymise(*, now=None) -> int:
    """Forget the names walk-ups gave once their performance is DROPIN_KEEP_DAYS past (the
    register keeps names no longer at a performance than at a drop-in). Their numbers stay."""
    now = now or timezone.now()
    return (
        CheckIn.objects.filter(
            performance__starts_at__lt=now - timedelta(days=settings.DROPIN_KEEP_DAYS),
            ticket__isnull=True,
        )
        .exclude(first_name="")
        .update(first_name="")
    )


DONATION_FIELDS = ("donations_total", "donations_partner")


@transaction.atomic
def performance_donations_record(
    *,
    performance_id: int,
    total: Decimal | None,
    partner: PartnerOrganisation | None,
    actor: User | None,
) -> Performance:
    """Record what was raised on the night and the partner charity it was raised for."""
    performance = performance_lock(performance_id)
    before = values(performance, DONATION_FIELDS)
    performance.donations_total = total
    performance.donations_partner = partner
    performance.full_clean(validate_unique=False, validate_constraints=False)
    after = values(performance, DONATION_FIELDS)
    if after == before:
        return performance
    performance.save(update_fields=list(DONATION_FIELDS))
    audit_record(
        actor=actor,
        action="performance.donations_record",
        obj=performance,
        before=before,
        after=after,
    )
    return performance
