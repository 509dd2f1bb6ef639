"""Network events: saving them and their dates (staff), booking tickets for a date and
cancelling (anyone, with a name and an email), and forgetting who booked once a date is long
past. Every write that takes places locks the date's row first (events.rules says what fits)."""

import uuid

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import rules
from events.messages.network import network_message_queue
from events.models import NetworkBooking, NetworkEvent, NetworkEventDate
from sanctuary.codes import reference_new, token_new
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record, audited_save, messages_forget


class NetworkBookingError(Exception):
    """Tickets cannot be booked or cancelled. The message is for the person booking."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def network_date_lock(date_id: int) -> NetworkEventDate:
    """Every write that takes or frees places of a date locks its row first."""
    return lock_row(NetworkEventDate.objects.select_related("event__venue"), date_id)


def _new_reference() -> str:
    while True:
        reference = reference_new(prefix="N")
        if not NetworkBooking.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def network_event_save(
    *, event: NetworkEvent, actor: User | None, changed: list[str] | None = None
) -> NetworkEvent:
    """Create or change an event (staff, in the admin), audited."""
    return audited_save(obj=event, actor=actor, changed=changed or [], name="network_event")


@transaction.atomic
def network_date_save(
    *, date: NetworkEventDate, actor: User | None, changed: list[str] | None = None
) -> NetworkEventDate:
    """Add or change a date (staff), audited. Cancelling is network_date_cancel."""
    return audited_save(obj=date, actor=actor, changed=changed or [], name="network_date")


@transaction.atomic
def network_booking_create(
    *,
    date_id: int,
    name: str,
    email: str,
    tickets: int,
    language: str,
    submission_key: uuid.UUID | None = None,
) -> NetworkBooking:
    """Book `tickets` places at a date, under the date's lock.

    The same form sent again (same `submission_key`) gets the booking the first one made.
    Raises NetworkBookingError when the date cannot be booked or the tickets do not fit.
    """
    date = network_date_lock(date_id)
    if submission_key is not None:
        first = NetworkBooking.objects.filter(submission_key=submission_key).first()
        if first is not None and first.date_id == date.pk:
            return first
        if first is not None:
            submission_key = None  # a key made for another date's form
    now = timezone.now()
    if not rules.is_network_date_bookable(date, now):
        raise NetworkBookingError(_("Sorry, this date cannot be booked any more."))
    limit = date.event.tickets_per_booking
    free = rules.network_places_left(
        capacity=date.event.capacity, taken=rules.network_tickets_taken(date)
    )
    if not rules.network_may_take_tickets(tickets=tickets, limit=limit, free=free):
        raise NetworkBookingError(_refusal(tickets=tickets, limit=limit, free=free))
    booking = NetworkBooking(
        date=date,
        reference=_new_reference(),
        token=token_new(),
        name=name.strip(),
        email=email.strip().lower(),
        tickets=tickets,
        language=language,
        status=NetworkBooking.Status.CONFIRMED,
        submission_key=submission_key,
    )
    booking.full_clean(exclude=["date"], validate_unique=False, validate_constraints=False)
    booking.save()
    network_message_queue(booking, "network_booking_confirmed")
    return booking


def _refusal(*, tickets: int, limit: int, free: int) -> str:
    if free == 0:
        return str(_("Sorry, this date is full. Perhaps another date, or another event?"))
    if tickets > limit:
        return ngettext(
            "One booking can be for %(count)s ticket at most.",
            "One booking can be for %(count)s tickets at most.",
            limit,
        ) % {"count": limit}
    if tickets < 1:
        return str(_("Choose how many tickets: at least one."))
    return ngettext(
        "Sorry, there is only %(count)s place left.",
        "Sorry, there are only %(count)s places left.",
        free,
    ) % {"count": free}


@transaction.atomic
def network_booking_cancel(*, booking_id: int, actor: User | None = None) -> NetworkBooking:
    """Cancel a booking (from its private link, or by staff); its places free up."""
    booking = NetworkBooking.objects.only("date_id").get(pk=booking_id)
    date = network_date_lock(booking.date_id)
    booking = lock_row(NetworkBooking, booking_id)
    booking.date = date
    if not rules.network_holds_tickets(booking):
        return booking
    if actor is None and not rules.network_may_booker_cancel(booking, timezone.now()):
        raise NetworkBookingError(_("This event has started, so the booking cannot be cancelled."))
    booking.status = NetworkBooking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at", "updated_at"])
    audit_record(actor=actor, action="network_booking.cancel", obj=booking)
    network_message_queue(booking, "network_booking_cancelled")
    return booking


@transaction.atomic
def network_date_cancel(*, date_id: int, actor: User) -> NetworkEventDate:
    """Staff cancel a date: its bookings are cancelled and each booker is told."""
    date = network_date_lock(date_id)
    if date.is_cancelled:
        return date
    now = timezone.now()
    date.cancelled_at = now
    date.save(update_fields=["cancelled_at"])
    booked = list(date.bookings.filter(rules.network_holds_tickets_q()))
    date.bookings.filter(pk__in=[b.pk for b in booked]).update(
        status=NetworkBooking.Status.CANCELLED, cancelled_at=now, updated_at=now
    )
    for booking in booked:
        network_message_queue(booking, "network_date_cancelled")
    audit_record(
        actor=actor, action="network_date.cancel", obj=date, detail={"bookings": len(booked)}
    )
    return date


@transaction.atomic
def network_bookings_anonymise(*, now=None) -> int:
    """Forget names and email addresses NETWORK_KEEP_DAYS after a date; the private links stop
    working. Tickets and statuses stay, for counts. Set-based: one update per batch."""
    now = now or timezone.now()
    old = NetworkBooking.objects.filter(
        rules.network_past_keeping_q(now, keep_days=settings.NETWORK_KEEP_DAYS)
    )
    ids = list(old.values_list("pk", flat=True)[:5000])
    if not ids:
        return 0
    messages_forget(subjects=NetworkBooking.objects.filter(pk__in=ids))
    return NetworkBooking.objects.filter(pk__in=ids).update(
        name="",
        email="",
        # Still unique, never a working link: far shorter than any token_new().
        token=Concat(Value("gone-"), Cast("pk", CharField())),
        anonymised_at=now,
        updated_at=now,
    )
