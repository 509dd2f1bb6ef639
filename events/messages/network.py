"""Messages about network event bookings: queued in the booker's language, rendered at send
time from the booking as it is then. Nothing sensitive: a name, a date, a place, a link."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events import rules
from events.models import NetworkBooking
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import MessageNotNeeded, context_builder
from sanctuary.services import message_queue
from sanctuary.text import isolate

TEMPLATES = (
    "network_booking_confirmed",
    "network_booking_cancelled",
    "network_date_cancelled",
)


def place_of(event) -> tuple[str, str]:
    """The place's name and address, whether a venue or another place."""
    if event.venue is not None:
        return event.venue.name, f"{event.venue.address}, {event.venue.postcode}"
    return event.place_name, event.place_address


def _booking_context(context: dict) -> dict:
    booking = (
        NetworkBooking.objects.select_related("date__event__venue")
        .filter(pk=context["booking_id"], anonymised_at__isnull=True)
        .first()
    )
    if booking is None:
        raise MessageNotNeeded("the booking's details have been forgotten")
    date = booking.date
    place, address = place_of(date.event)
    return {
        "booking": booking,
        "name": isolate(booking.name),
        "reference": booking.reference,
        "title": date.event.title,
        "organiser": date.event.organiser,
        "starts_at": timezone.localtime(date.starts_at),
        "ends_at": timezone.localtime(date.ends_at),
        "place": place,
        "address": address,
        "map_url": date.event.map_url,
        "tickets": booking.tickets,
        "manage_url": settings.SITE_URL + booking.manage_path(),
        "event_url": settings.SITE_URL + date.event.get_absolute_url(),
        "calendar_url": settings.SITE_URL
        + reverse("events:network_booking_calendar", kwargs={"token": booking.token}),
    }


@context_builder("network_booking_confirmed")
def _only_while_booked(context: dict) -> dict:
    values = _booking_context(context)
    if not rules.network_holds_tickets(values["booking"]):
        raise MessageNotNeeded("the booking was cancelled")
    return values


@context_builder("network_booking_cancelled")
@context_builder("network_date_cancelled")
def _plain(context: dict) -> dict:
    return _booking_context(context)


def network_message_queue(booking: NetworkBooking, template: str) -> OutgoingMessage:
    """Queue `template` to the booker's email, once per booking."""
    return message_queue(
        channel=OutgoingMessage.Channel.EMAIL,
        recipient=booking.email,
        template=template,
        dedupe_key=f"{template}:networkbooking:{booking.pk}",
        language=booking.language,
        context={"booking_id": booking.pk},
        subject=booking,
    )
