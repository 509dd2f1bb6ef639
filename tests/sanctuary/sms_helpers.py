"""What the text-message tests share: a text in the outbox, and a request signed as Twilio
signs its webhooks."""

from django.conf import settings
from django.test import Client
from twilio.request_validator import RequestValidator

from sanctuary import services
from sanctuary.models import OutgoingMessage, User

NUMBER = "+447911123456"


def queue_text(*, recipient: str = NUMBER, key: str = "test:text:1", **context):
    subject, _created = User.objects.get_or_create(email="amal.subject@example.org")
    return services.message_queue(
        channel=OutgoingMessage.Channel.SMS,
        recipient=recipient,
        template="test_note",
        dedupe_key=key,
        language="en",
        context={"name": "Amal", **context},
        subject=subject,
    )


def post_signed(path: str, data: dict, *, token: str = "", client: Client | None = None):
    """POST `data` to `path` as Twilio would, signed with `token` (the auth token by default)."""
    url = settings.SITE_URL + path
    signature = RequestValidator(token or settings.TWILIO_AUTH_TOKEN).compute_signature(url, data)
    return (client or Client()).post(path, data, headers={"X-Twilio-Signature": signature})
