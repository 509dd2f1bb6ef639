"""Texts through Twilio, with its Python library (SMS_BACKEND =
"sanctuary.sms.twilio.TwilioSmsBackend").

Twilio's REST API answers an error with a JSON body: its own code, a message, a link to the
code's page, and the HTTP status. What the code says decides whether trying again can help
(https://www.twilio.com/docs/api/errors): a bad or unreachable number never will, a rate limit
or an outage may, and our credentials being wrong will once someone fixes them.
"""

import requests
from django.conf import settings
from twilio.base.exceptions import (
    TwilioException,
    TwilioRestException,
    TwilioServiceException,
)
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from sanctuary.sms.backends import (
    SmsBackend,
    SmsOptedOut,
    SmsPermanentError,
    SmsTemporaryError,
)

TWILIO_API = "https://api.twilio.com"

# The recipient has opted out of texts from this sender (replied STOP to it).
UNSUBSCRIBED = 21610
# Errors that no retry mends: the number, or what the account may send where.
PERMANENT = {
    21211: "Not a valid phone number.",
    21408: "The account may not text this country (Twilio's geographic permissions).",
    21610: "The recipient has opted out of texts from us (replied STOP).",
    21612: "Twilio cannot reach this number from our sender.",
    21614: "Not a mobile number.",
    21617: "The text is too long.",
    21635: "A landline cannot receive texts.",
    21660: "The sender does not belong to the account.",
    21606: "The sender cannot send texts.",
    21212: "The sender is not a valid number or sender ID.",
}
# Errors that trying later may mend.
TEMPORARY = {
    20003: "Twilio refused our credentials (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN).",
    20429: "Too many requests to Twilio at once.",
    20500: "Twilio had an internal error.",
    20503: "Twilio is unavailable.",
}


class _Client(TwilioHttpClient):
    """Twilio's own HTTP client, sending to TWILIO_API_URL when that is not Twilio (a test
    server speaking its API, or a proxy in front of it)."""

    def __init__(self, *, base_url: str, timeout: float):
        super().__init__(timeout=timeout)
        self.base_url = base_url

    def request(self, method, url, *args, **kwargs):
        if self.base_url != TWILIO_API and url.startswith(TWILIO_API):
            url = self.base_url + url.removeprefix(TWILIO_API)
        return super().request(method, url, *args, **kwargs)


def error_from_twilio(error: TwilioRestException | TwilioServiceException) -> Exception:
    """The outbox's kind of failure for an error Twilio answered with (its classic error body,
    or the newer RFC 9457 one)."""
    code = error.code or 0
    words = getattr(error, "msg", "") or getattr(error, "title", "")
    text = f"Twilio error {code or error.status}: {words}"
    if code == UNSUBSCRIBED:
        return SmsOptedOut(text)
    if code in PERMANENT:
        return SmsPermanentError(f"{text} ({PERMANENT[code]})")
    if code in TEMPORARY or error.status in (401, 429) or error.status >= 500:
        return SmsTemporaryError(f"{text} ({TEMPORARY.get(code, 'Try again later.')})")
    # Any other refusal (a 4xx) is about this request, which will not change.
    return SmsPermanentError(text)


class TwilioSmsBackend(SmsBackend):
    def __init__(self):
        self.client = Client(
            settings.TWILIO_ACCOUNT_SID,
            settings.TWILIO_AUTH_TOKEN,
            http_client=_Client(base_url=settings.TWILIO_API_URL, timeout=settings.SMS_TIMEOUT),
        )

    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        sender = (
            {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
            if settings.TWILIO_MESSAGING_SERVICE_SID
            else {"from_": settings.SMS_SENDER}
        )
        callback = {"status_callback": status_callback} if status_callback else {}
        try:
            message = self.client.messages.create(to=to, body=body, **sender, **callback)
        except (TwilioRestException, TwilioServiceException) as error:
            raise error_from_twilio(error) from error
        except (requests.RequestException, TwilioException) as error:
            # No answer, or one that is not Twilio's: it may not have gone; try again later.
            raise SmsTemporaryError(f"Twilio did not answer: {type(error).__name__}") from error
        return message.sid or ""
