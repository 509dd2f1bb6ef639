"""Performances with guest seats for sanctuary guests through partners, network events anyone
can book, and the partnership mailing list: one module each."""

from events.models.mailing import MailingListMember
from events.models.network import NetworkBooking, NetworkEvent, NetworkEventDate
from events.models.performances import (
    ClaimLink,
    GuestAllocation,
    GuestQuota,
    GuestTicket,
    Performance,
    PoolRequest,
)

__all__ = [
    "ClaimLink",
    "GuestAllocation",
    "GuestQuota",
    "GuestTicket",
    "MailingListMember",
    "NetworkBooking",
    "NetworkEvent",
    "NetworkEventDate",
    "Performance",
    "PoolRequest",
]
