"""Every write about performances, guest seats and network events: one module per
sub-domain."""

from events.services.mailing import (
    mailing_confirm,
    mailing_export_record,
    mailing_join,
    mailing_leave,
    mailing_unconfirmed_forget,
)
from events.services.network import (
    NetworkBookingError,
    network_booking_cancel,
    network_booking_create,
    network_bookings_anonymise,
    network_date_cancel,
    network_date_lock,
    network_date_save,
    network_event_save,
)
from events.services.tickets import TicketError, ticket_create

__all__ = [
    "NetworkBookingError",
    "TicketError",
    "mailing_confirm",
    "mailing_export_record",
    "mailing_join",
    "mailing_leave",
    "mailing_unconfirmed_forget",
    "network_booking_cancel",
    "network_booking_create",
    "network_bookings_anonymise",
    "network_date_cancel",
    "network_date_lock",
    "network_date_save",
    "network_event_save",
    "ticket_create",
]
