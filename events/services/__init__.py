"""Every write about performances, guest seats and network events: one module per
sub-domain."""

from events.services.tickets import TicketError, ticket_create

__all__ = ["TicketError", "ticket_create"]
