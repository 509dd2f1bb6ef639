"""The rules of guest seats, each said once. Selectors use the Q/expression forms, services the
one-row forms under the allocation's lock (events.services.tickets).

Seats are people. A confirmed ticket's guests take seats from its quota (or, with no quota,
from the shared pool) and from the allocation's guest seats; its hosts take companion seats.
"""

from datetime import datetime, timedelta

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from events.models import GuestAllocation, GuestQuota, GuestTicket
from events.models.mailing import MailingListMember
from events.models.network import NetworkBooking, NetworkEventDate


def holds_seats_q() -> Q:
    """Tickets that hold seats: confirmed ones."""
    return Q(status=GuestTicket.Status.CONFIRMED)


def holds_seats(ticket: GuestTicket) -> bool:
    return ticket.status == GuestTicket.Status.CONFIRMED


def _seats_taken(tickets) -> dict:
    return tickets.filter(holds_seats_q()).aggregate(
        guests=Coalesce(Sum("guests"), 0), hosts=Coalesce(Sum("hosts"), 0)
    )


def quota_seats_free(quota: GuestQuota) -> int:
    """Seats of `quota` not yet named."""
    return quota.seats - _seats_taken(quota.tickets.all())["guests"]


def pool_seats(allocation: GuestAllocation) -> int:
    """The shared pool: guest seats no quota holds."""
    held = allocation.quotas.aggregate(seats=Coalesce(Sum("seats"), 0))["seats"]
    return allocation.seats - held


def pool_seats_free(allocation: GuestAllocation) -> int:
    taken = _seats_taken(allocation.tickets.filter(quota__isnull=True))["guests"]
    return pool_seats(allocation) - taken


def companion_seats_free(allocation: GuestAllocation) -> int:
    return allocation.companion_seats - _seats_taken(allocation.tickets.all())["hosts"]


def may_take_seats(*, free_seats: int, free_companion_seats: int, guests: int, hosts: int) -> bool:
    """A party fits when its guests fit the seats left in its quota (or the pool) and its
    hosts the companion seats left."""
    return 0 < guests <= free_seats and 0 <= hosts <= free_companion_seats


def is_released(allocation: GuestAllocation) -> bool:
    """Unnamed quota seats have gone back to the pool."""
    return allocation.released_at is not None


# Network events ---------------------------------------------------------------------------------
# A date is booked on its own; its bookings' tickets are people, against the event's capacity.


def network_date_listed_q(now: datetime, prefix: str = "") -> Q:
    """Dates the public sees: of a published event, not yet over (cancelled ones too, marked)."""
    return Q(**{f"{prefix}event__is_published": True, f"{prefix}ends_at__gt": now})


def network_date_bookable_q(now: datetime) -> Q:
    """Dates that can be booked: a published event's, not cancelled, not yet started."""
    return Q(event__is_published=True, cancelled_at__isnull=True, starts_at__gt=now)


def is_network_date_bookable(date: NetworkEventDate, now: datetime) -> bool:
    return date.event.is_published and date.cancelled_at is None and date.starts_at > now


def network_holds_tickets_q(prefix: str = "") -> Q:
    """Bookings that hold places: confirmed ones."""
    return Q(**{f"{prefix}status": NetworkBooking.Status.CONFIRMED})


def network_holds_tickets(booking: NetworkBooking) -> bool:
    return booking.status == NetworkBooking.Status.CONFIRMED


def network_tickets_taken(date: NetworkEventDate) -> int:
    return date.bookings.filter(network_holds_tickets_q()).aggregate(
        taken=Coalesce(Sum("tickets"), 0)
    )["taken"]


def network_places_left(*, capacity: int, taken: int) -> int:
    return max(capacity - taken, 0)


def network_may_take_tickets(*, tickets: int, limit: int, free: int) -> bool:
    """A booking fits when it asks for at least one ticket, no more than the event allows one
    booking, and no more than the places left."""
    return 1 <= tickets <= limit and tickets <= free


def network_may_booker_cancel(booking: NetworkBooking, now: datetime) -> bool:
    """The booker may cancel from their link until the date starts."""
    return network_holds_tickets(booking) and booking.date.starts_at > now


def network_past_keeping_q(now: datetime, *, keep_days: int) -> Q:
    """Bookings whose date ended more than `keep_days` ago and that still hold a name."""
    return Q(anonymised_at__isnull=True, date__ends_at__lt=now - timedelta(days=keep_days))


def network_is_past_keeping(booking: NetworkBooking, now: datetime, *, keep_days: int) -> bool:
    return booking.anonymised_at is None and booking.date.ends_at < now - timedelta(days=keep_days)


# The partnership mailing list -------------------------------------------------------------------

MAILING_RESEND_AFTER = timedelta(hours=1)


def mailing_counts_q() -> Q:
    """Addresses that count: confirmed ones. Nothing but the confirmation goes to others."""
    return Q(status=MailingListMember.Status.CONFIRMED)


def mailing_counts(member: MailingListMember) -> bool:
    return member.status == MailingListMember.Status.CONFIRMED


def mailing_may_send_again(member: MailingListMember, now: datetime) -> bool:
    """Asking again sends a mail at most once an hour."""
    return member.last_sent_at is None or member.last_sent_at <= now - MAILING_RESEND_AFTER


def mailing_forgettable_q(now: datetime, *, keep_days: int) -> Q:
    """Addresses never confirmed, asked for more than `keep_days` ago."""
    return Q(
        status=MailingListMember.Status.PENDING, created_at__lt=now - timedelta(days=keep_days)
    )


def mailing_is_forgettable(member: MailingListMember, now: datetime, *, keep_days: int) -> bool:
    return (
        member.status == MailingListMember.Status.PENDING
        and member.created_at < now - timedelta(days=keep_days)
    )
