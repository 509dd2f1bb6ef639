"""Messages about the shared pool's waiting list: an offer of seats, worked out when it is sent
(see sanctuary/outbox.py). The outbox row holds only the request's id; the words say nothing
sensitive, and go in the language of each person they reach."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events import rules
from events.models import PoolRequest
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import MessageNotNeeded, context_builder
from sanctuary.services import message_queue
from sanctuary.text import isolate

LONDON = ZoneInfo("Europe/London")
TEMPLATES = ("guest_pool_offer",)


@context_builder("guest_pool_offer")
def _offer(context: dict) -> dict:
    request = (
        PoolRequest.objects.select_related("allocation__performance__venue")
        .filter(pk=context["pool_request_id"], anonymised_at__isnull=True)
        .first()
    )
    if request is None or not rules.offer_holds_seats(request, timezone.now()):
        raise MessageNotNeeded("the offer is no longer open")
    performance = request.allocation.performance
    return {
        "first_name": isolate(request.first_name),
        "title": performance.title,
        "starts_at": timezone.localtime(performance.starts_at, LONDON),
        "venue": performance.venue.name,
        "guests": request.guests,
        "hosts": request.hosts,
        "expires_at": timezone.localtime(request.offer_expires_at, LONDON),
        "offer_url": settings.SITE_URL
        + reverse("events:pool-offer", kwargs={"token": request.offer_token}),
    }


def pool_offer_message_queue(request: PoolRequest) -> list[OutgoingMessage]:
    """Tell whoever asked (the partner worker, by email) and the guest (if they left a way to
    reach them) that seats are offered, once per offer."""
    worker = request.requested_by
    recipients = [
        (OutgoingMessage.Channel.EMAIL, request.email, request.language),
        (
            OutgoingMessage.Channel.SMS,
            str(request.phone) if request.phone else "",
            request.language,
        ),
        (
            OutgoingMessage.Channel.EMAIL,
            worker.email if worker else "",
            getattr(worker, "language", ""),
        ),
    ]
    messages, seen = [], set()
    for channel, recipient, language in recipients:
        if not recipient or recipient in seen:
            continue
        seen.add(recipient)
        messages.append(
            message_queue(
                channel=channel,
                recipient=recipient,
                template="guest_pool_offer",
                dedupe_key=f"guest_pool_offer:request:{request.pk}:{len(messages)}",
                language=language,
                context={"pool_request_id": request.pk},
                subject=request,
            )
        )
    return messages
