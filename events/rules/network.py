"""The rules of network events and the partnership mailing list, each said once: a Q for
selectors, a one-row function for services under the lock."""

from datetime import datetime, timedelta

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from events.models.mailing import MailingListMember
from events.models.network import NetworkBooking, NetworkEventDate

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


def network_offers_calendar_q(prefix: str = "") -> Q:
    """Bookings that offer "Add to my calendar" (the link and its file): those holding tickets
    for a date that is not cancelled."""
    return network_holds_tickets_q(prefix) & Q(**{f"{prefix}date__cancelled_at__isnull": True})


def network_offers_calendar(booking: NetworkBooking) -> bool:
    return network_holds_tickets(booking) and booking.date.cancelled_at is None


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
