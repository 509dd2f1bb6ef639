"""Changing or cancelling a guest ticket: staff in the admin, or the guests themselves from
their ticket page. Under the allocation's lock, like every seat write; seats freed go back to
the ticket's quota (or the pool) at once, because seats taken are counted from tickets."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import rules
from events.messages.tickets import ticket_message_queue
from events.models import GuestTicket
from events.services.tickets import TicketError, allocation_lock
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record


def _lock_ticket(ticket_id: int) -> GuestTicket:
    # The allocation first, then the ticket: the order every seat write takes.
    allocation_id = GuestTicket.objects.values_list("allocation_id", flat=True).get(pk=ticket_id)
    allocation = allocation_lock(allocation_id)
    ticket = lock_row(GuestTicket.objects.select_related("quota"), ticket_id)
    ticket.allocation = allocation
    return ticket


@transaction.atomic
def ticket_change(*, ticket_id: int, guests: int, hosts: int, actor: User | None) -> GuestTicket:
    """Staff change how many guests and hosts a ticket holds; the guests are told."""
    ticket = _lock_ticket(ticket_id)
    if not rules.may_guest_cancel(ticket, timezone.now()):
        raise TicketError(_("Only a confirmed ticket for a performance still to come can change."))
    if guests == ticket.guests and hosts == ticket.hosts:
        return ticket
    if ticket.quota is not None:
        free = rules.quota_seats_free(ticket.quota)
    else:
        free = rules.pool_seats_free(ticket.allocation)
    if not rules.may_take_seats(
        free_seats=free + ticket.guests,
        free_companion_seats=rules.companion_seats_free(ticket.allocation) + ticket.hosts,
        guests=guests,
        hosts=hosts,
    ):
        raise TicketError(_("Sorry, there are not enough seats left for this party."))
    before = {"guests": ticket.guests, "hosts": ticket.hosts}
    ticket.guests, ticket.hosts = guests, hosts
    ticket.full_clean(exclude=["allocation", "quota"], validate_unique=False)
    ticket.save(update_fields=["guests", "hosts", "updated_at"])
    event = audit_record(
        actor=actor,
        action="guest_ticket.change",
        obj=ticket,
        before=before,
        after={"guests": guests, "hosts": hosts},
    )
    ticket_message_queue(ticket, "guest_ticket_changed", key=str(event.pk))
    return ticket


@transaction.atomic
def ticket_cancel(*, ticket_id: int, actor: User | None, by_guest: bool = False) -> GuestTicket:
    """Cancel a ticket: its seats go back to its quota (or the pool). Staff cancelling tell the
    guests; guests cancelling from their page have seen it done. Cancelling twice is once."""
    ticket = _lock_ticket(ticket_id)
    if not rules.holds_seats(ticket):
        return ticket
    if by_guest and not rules.may_guest_cancel(ticket, timezone.now()):
        raise TicketError(_("This ticket can no longer be cancelled here."))
    ticket.status = GuestTicket.Status.CANCELLED
    ticket.cancelled_at = timezone.now()
    ticket.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit_record(
        actor=actor,
        action="guest_ticket.cancel",
        obj=ticket,
        detail={"by": "guest" if by_guest else "team", "guests": ticket.guests},
    )
    if not by_guest:
        ticket_message_queue(ticket, "guest_ticket_cancelled")
    return ticket
