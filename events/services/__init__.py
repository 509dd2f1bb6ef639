"""Every write about performances, guest seats and network events: one module per
sub-domain."""

from events.services.allocations import (
    AllocationError,
    QuotaSeats,
    allocation_save,
    quota_move,
    ticket_withdraw,
)
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
from events.services.performances import performance_save
from events.services.pool import (
    pool_offer_accept,
    pool_offers_make,
    pool_offers_refresh,
    pool_request_create,
    pool_request_withdraw,
)
from events.services.release import allocation_release, allocations_release
from events.services.tickets import TicketError, allocation_lock, ticket_create

__all__ = [
    "AllocationError",
    "NetworkBookingError",
    "QuotaSeats",
    "TicketError",
    "allocation_lock",
    "allocation_release",
    "allocation_save",
    "allocations_release",
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
    "performance_save",
    "pool_offer_accept",
    "pool_offers_make",
    "pool_offers_refresh",
    "pool_request_create",
    "pool_request_withdraw",
    "quota_move",
    "ticket_create",
    "ticket_withdraw",
]
