"""Guest tickets: naming a party against a quota or the pool, under the allocation's lock."""

import secrets
import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import rules
from events.messages.tickets import ticket_message_queue
from events.models import GuestAllocation, GuestQuota, GuestTicket
from partners.models import PartnerOrganisation
from sanctuary.codes import REFERENCE_ALPHABET, reference_new, token_new
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record

DOOR_CODE_LENGTH = 4


class TicketError(Exception):
    """A ticket cannot be made or changed. The message is for the person naming the guests."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def allocation_lock(allocation_id: int) -> GuestAllocation:
    """Every write that takes, frees or moves seats of an allocation locks its row first, so
    they queue one behind another and no count goes over."""
    return lock_row(GuestAllocation.objects.select_related("performance"), allocation_id)


def _new_reference() -> str:
    while True:
        reference = reference_new(prefix="G")
        if not GuestTicket.objects.filter(reference=reference).exists():
            return reference


def _new_door_code(allocation: GuestAllocation) -> str:
    # Short enough to type at the door; unique within the performance (checked under the lock).
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(DOOR_CODE_LENGTH))
        if not allocation.tickets.filter(door_code=code).exists():
            return code


@transaction.atomic
def ticket_create(
    *,
    allocation_id: int,
    quota_id: int | None,
    first_name: str,
    guests: int,
    hosts: int,
    language: str,
    access_needs: str = "",
    email: str = "",
    phone: str = "",
    organisation: PartnerOrganisation | None = None,
    named_by: User | None = None,
    submission_key: uuid.UUID | None = None,
) -> GuestTicket:
    """Name a party of guests against a quota (or, with no quota, the shared pool).

    The same form sent again with the same `submission_key` gets the first ticket. Raises
    TicketError when the seats are not there.
    """
    allocation = allocation_lock(allocation_id)
    if submission_key is not None:
        first = GuestTicket.objects.filter(submission_key=submission_key).first()
        if first is not None and first.allocation_id == allocation.pk:
            return first
        if first is not None:
            submission_key = None
    if allocation.performance.cancelled_at or allocation.performance.starts_at <= timezone.now():
        raise TicketError(_("Sorry, guests can no longer be named for this performance."))
    if quota_id is None:
        quota, free = None, rules.pool_seats_free(allocation)
    else:
        quota = GuestQuota.objects.get(pk=quota_id, allocation=allocation)
        free = rules.quota_seats_free(quota)
    if not rules.may_take_seats(
        free_seats=free,
        free_companion_seats=rules.companion_seats_free(allocation),
        guests=guests,
        hosts=hosts,
    ):
        raise TicketError(_("Sorry, there are not enough seats left for this party."))
    ticket = GuestTicket(
        allocation=allocation,
        quota=quota,
        reference=_new_reference(),
        token=token_new(),
        door_code=_new_door_code(allocation),
        first_name=first_name.strip(),
        guests=guests,
        hosts=hosts,
        language=language,
        access_needs=access_needs.strip(),
        email=email.strip().lower(),
        phone=phone,
        organisation=organisation,
        named_by=named_by,
        submission_key=submission_key,
    )
    ticket.full_clean(exclude=["allocation", "quota"], validate_unique=False)
    ticket.save()
    audit_record(
        actor=named_by,
        action="guest_ticket.create",
        obj=ticket,
        detail={"guests": guests, "hosts": hosts, "quota": quota_id},
    )
    ticket_message_queue(ticket, "guest_ticket_confirmed")
    return ticket
