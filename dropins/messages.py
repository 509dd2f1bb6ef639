"""The drop-in messages: queuing them about a booking, and what they say, worked out when each
is sent (see sanctuary/outbox.py).

The outbox row holds only the booking's id. Its words are rendered at send time, in the
booker's language, from the booking as it is then, and say nothing sensitive: a shared phone
may show them to anyone.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from dropins import rules
from dropins.models import LONDON, Booking
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import MessageNotNeeded, batch_loader, context_builder
from sanctuary.services import message_new, messages_queue
from sanctuary.text import isolate

TEMPLATES = (
    "dropin_booking_confirmed",
    "dropin_booking_waitlisted",
    "dropin_booking_promoted",
    "dropin_booking_reminder",
    "dropin_booking_cancelled",
    "dropin_session_cancelled",
)


def _bookings_still_known():
    return Booking.objects.select_related("session__series__venue").filter(
        anonymised_at__isnull=True
    )


@batch_loader(*TEMPLATES)
def _load_bookings(contexts: list[dict]) -> None:
    """A batch's bookings in one query (those forgotten are left out, and so not sent)."""
    found = _bookings_still_known().in_bulk([context["booking_id"] for context in contexts])
    for context in contexts:
        context["_booking"] = found.get(context["booking_id"])
        context["_loaded"] = True


def _booking_context(context: dict) -> dict:
    if context.get("_loaded"):
        booking = context["_booking"]
    else:
        booking = _bookings_still_known().filter(pk=context["booking_id"]).first()
    if booking is None:
        raise MessageNotNeeded("the booking's details have been forgotten")
    session = booking.session
    venue = session.series.venue
    # Rendered in the booker's language, so the links open in it too.
    manage_path = reverse("dropins:manage", kwargs={"token": booking.token})
    return {
        "booking": booking,
        "first_name": isolate(booking.first_name),
        "reference": booking.reference,
        "title": session.series.title,
        "starts_at": timezone.localtime(session.starts_at, LONDON),
        "ends_at": timezone.localtime(session.ends_at, LONDON),
        "venue": venue.name,
        "address": f"{venue.address}, {venue.postcode}",
        "people": booking.people,
        "reason": session.get_cancel_reason_display(),
        "manage_url": settings.SITE_URL + manage_path,
        "list_url": settings.SITE_URL + reverse("dropins:list"),
        # Gave no contact of their own: this goes to the partner worker who booked for them.
        "to_partner_worker": not (booking.email or booking.phone),
    }


@context_builder("dropin_booking_cancelled")
@context_builder("dropin_session_cancelled")
def _plain(context: dict) -> dict:
    values = _booking_context(context)
    values["by_team"] = values["booking"].cancelled_by == Booking.CancelledBy.STAFF
    return values


def _also_booked(booking: Booking, channel: str) -> list[dict]:
    """The other live bookings for the same session made earlier with the contact this message
    goes to (its email address for an email, its number for a text message, never the other one:
    someone may have typed another person's contact beside their own)."""
    if channel == OutgoingMessage.Channel.EMAIL:
        contact = rules.same_contact_q(email=booking.email, phone="")
    elif channel == OutgoingMessage.Channel.SMS:
        contact = rules.same_contact_q(email="", phone=str(booking.phone))
    else:
        return []  # queued before messages said their channel: name nothing
    # Only those made before it: a booking made later names this one in its own confirmation.
    others = booking.session.bookings.filter(rules.live_q(), contact, pk__lt=booking.pk)
    return [
        {
            "reference": other.reference,
            "manage_url": settings.SITE_URL
            + reverse("dropins:manage", kwargs={"token": other.token}),
        }
        for other in others.order_by("created_at", "pk")
    ]


def _new_booking(context: dict) -> dict:
    """A new booking's own confirmation also names the contact's other bookings for the same
    session, with their links, so that one made twice by mistake can be cancelled."""
    values = _booking_context(context)
    values["also_booked"] = _also_booked(values["booking"], context.get("channel", ""))
    # A text names them by reference only: its links would not fit (sanctuary.sms.costs).
    values["also_booked_references"] = ", ".join(
        other["reference"] for other in values["also_booked"]
    )
    return values


@context_builder("dropin_booking_waitlisted")
def _only_while_waiting(context: dict) -> dict:
    values = _new_booking(context)
    if not rules.is_waiting(values["booking"]):
        raise MessageNotNeeded("the booking is no longer waiting")
    values["waitlist_rule"] = rules.waitlist_rule_words()
    return values


@context_builder("dropin_booking_confirmed")
def _only_while_live(context: dict) -> dict:
    values = _new_booking(context)
    if not rules.is_live(values["booking"]):
        raise MessageNotNeeded("the booking was cancelled")
    return values


@context_builder("dropin_booking_promoted")
@context_builder("dropin_booking_reminder")
def _only_while_booked(context: dict) -> dict:
    """A reminder or "you are in" goes only if the booking and session still stand."""
    values = _booking_context(context)
    booking = values["booking"]
    if not rules.holds_places(booking):
        raise MessageNotNeeded("the booking is no longer confirmed")
    if not rules.is_still_to_come(booking.session, timezone.now()):
        raise MessageNotNeeded("the session is cancelled or has started")
    return values


def booking_recipients(booking: Booking) -> list[tuple[str, str, str]]:
    """Where messages about a booking go, as (channel, recipient, language): one rule for every
    message about it. The client's email address and mobile number, each if they gave it, in
    their language. A client a partner worker booked for who gave neither is reached through
    that worker: their account's email address, in the worker's own language."""
    recipients = []
    if booking.email:
        recipients.append((OutgoingMessage.Channel.EMAIL, booking.email, booking.language))
    if booking.phone:
        recipients.append((OutgoingMessage.Channel.SMS, str(booking.phone), booking.language))
    if not recipients and booking.booked_by_id is not None and booking.booked_by.email:
        worker = booking.booked_by
        recipients.append((OutgoingMessage.Channel.EMAIL, worker.email, worker.language))
    return recipients


def booking_messages(booking: Booking, template: str, *, key: str = "") -> list[OutgoingMessage]:
    """`template` to each way this booking can be reached (booking_recipients), once per event,
    not yet written: give them to sanctuary.services.messages_queue with the others the same
    change causes."""
    return [
        message_new(
            channel=channel,
            recipient=recipient,
            template=template,
            dedupe_key=f"{template}:booking:{booking.pk}:{key or 'once'}:{channel}",
            language=language,
            context={"booking_id": booking.pk, "channel": str(channel)},
            subject=booking,
        )
        for channel, recipient, language in booking_recipients(booking)
    ]


def booking_message_queue(
    booking: Booking, template: str, *, key: str = ""
) -> list[OutgoingMessage]:
    """Queue `template` to each way this booking can be reached, once per event."""
    messages = booking_messages(booking, template, key=key)
    messages_queue(messages)
    return messages
