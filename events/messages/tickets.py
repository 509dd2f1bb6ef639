"""Guest ticket messages: queuing them, and what they say, worked out when each is sent (see
sanctuary/outbox.py).

The outbox row holds only ids (and, for a claim link, the link itself, forgotten once the link
is used or withdrawn). Words are rendered at send time in the guest's language, from the
ticket as it is then, and say nothing sensitive: a shared phone may show them to anyone.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from events import rules
from events.models import ClaimLink, GuestTicket
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import MessageNotNeeded, context_builder
from sanctuary.services import message_queue
from sanctuary.text import isolate

LONDON = ZoneInfo("Europe/London")

TEMPLATES = (
    "guest_ticket_confirmed",
    "guest_ticket_reminder",
    "guest_ticket_changed",
    "guest_ticket_cancelled",
    "guest_claim_link",
)


def performance_times(performance) -> dict:
    return {
        "starts_at": timezone.localtime(performance.starts_at, LONDON),
        "doors_at": timezone.localtime(performance.doors_at, LONDON),
    }


def _ticket_context(context: dict) -> dict:
    ticket = (
        GuestTicket.objects.select_related("allocation__performance__venue")
        .filter(pk=context["ticket_id"], anonymised_at__isnull=True)
        .first()
    )
    if ticket is None:
        raise MessageNotNeeded("the ticket's details have been forgotten")
    performance = ticket.allocation.performance
    venue = performance.venue
    return {
        "ticket": ticket,
        "first_name": isolate(ticket.first_name),
        "reference": ticket.reference,
        "door_code": ticket.door_code,
        "guests": ticket.guests,
        "hosts": ticket.hosts,
        "title": performance.title,
        **performance_times(performance),
        "venue": venue.name,
        "address": f"{venue.address}, {venue.postcode}",
        # Rendered in the guest's language, so the link opens in it too.
        "ticket_url": settings.SITE_URL + ticket.ticket_path(),
    }


@context_builder("guest_ticket_cancelled")
def _plain(context: dict) -> dict:
    return _ticket_context(context)


@context_builder("guest_ticket_confirmed")
@context_builder("guest_ticket_changed")
@context_builder("guest_ticket_reminder")
def _only_while_coming(context: dict) -> dict:
    """A confirmation, change or reminder goes only while the ticket holds seats for a
    performance still to come."""
    values = _ticket_context(context)
    if not rules.may_guest_cancel(values["ticket"], timezone.now()):
        raise MessageNotNeeded("the ticket is cancelled or the performance is over")
    return values


@context_builder("guest_claim_link")
def _claim_link(context: dict) -> dict:
    link = (
        ClaimLink.objects.select_related("quota__allocation__performance", "quota__organisation")
        .filter(pk=context["claim_link_id"])
        .first()
    )
    if link is None or not rules.is_claim_link_usable(link, timezone.now()):
        raise MessageNotNeeded("the link has been used, withdrawn or has expired")
    performance = link.quota.allocation.performance
    return {
        "title": performance.title,
        "partner": isolate(link.quota.organisation),
        **performance_times(performance),
        "expires_at": timezone.localtime(link.expires_at, LONDON),
    }


def _contacts(email: str, phone: str):
    for channel, recipient in (
        (OutgoingMessage.Channel.EMAIL, email),
        (OutgoingMessage.Channel.SMS, phone),
    ):
        if recipient:
            yield channel, recipient


def ticket_message_queue(
    ticket: GuestTicket, template: str, *, key: str = ""
) -> list[OutgoingMessage]:
    """Queue `template` to each way the guests can be reached, once per event. With no email
    and no phone, nothing: the partner worker sees the ticket in the portal."""
    phone = str(ticket.phone) if ticket.phone else ""
    return [
        message_queue(
            channel=channel,
            recipient=recipient,
            template=template,
            dedupe_key=f"{template}:ticket:{ticket.pk}:{key or 'once'}:{channel}",
            language=ticket.language,
            context={"ticket_id": ticket.pk},
            subject=ticket,
        )
        for channel, recipient in _contacts(ticket.email, phone)
    ]


def claim_link_message_queue(
    link: ClaimLink, *, email: str, phone: str, language: str, url: str
) -> list[OutgoingMessage]:
    """Send a claim link to a guest. Once per link, channel and address."""
    return [
        message_queue(
            channel=channel,
            recipient=recipient,
            template="guest_claim_link",
            dedupe_key=f"guest_claim_link:{link.pk}:{channel}:{recipient}"[:200],
            language=language,
            context={"claim_link_id": link.pk, "claim_url": url},
            subject=link,
        )
        for channel, recipient in _contacts(email, phone)
    ]
