"""Sending one text from the outbox (sanctuary.delivery calls this): the checks before it goes,
the provider, and what its answer means for the number."""

import logging
from datetime import datetime

from django.conf import settings
from django.urls import reverse

from sanctuary import rules
from sanctuary.models import OutgoingMessage, SmsSuppression
from sanctuary.sms.backends import SmsOptedOut, SmsPermanentError, get_sms_backend
from sanctuary.sms.caps import (
    SmsCapReached,
    next_day_starts,
    sms_day_counts_forget_old,
    sms_place_give_back,
    sms_place_take,
)
from sanctuary.sms.encoding import sms_text
from sanctuary.sms.links import sms_links_forget_old, sms_links_shorten
from sanctuary.sms.suppression import suppression_add

logger = logging.getLogger(__name__)


class SmsSuppressed(SmsPermanentError):
    """The number asked for no more texts: this one is not sent, nor tried again."""


class SmsHeld(Exception):
    """Not sent now, by rule, and not a failure: the message waits until `until`."""

    def __init__(self, reason: str, *, until: datetime):
        super().__init__(reason)
        self.until = until


def sms_body(body: str) -> str:
    """The words of a text as they go: short links, and plain typography where it keeps the
    text GSM-7 (sanctuary.sms.encoding)."""
    return sms_text(sms_links_shorten(body))


def status_callback_url(message: OutgoingMessage) -> str:
    # Signed by the provider with the whole address, so the message id in it cannot be forged.
    return f"{settings.SITE_URL}{reverse('sms_status')}?message={message.pk}"


def sms_tidy() -> None:
    """Forget short links and day counters no longer needed: once before a run of texts,
    not once for each."""
    sms_links_forget_old()
    sms_day_counts_forget_old()


def sms_send(*, message: OutgoingMessage, body: str) -> str:
    """Send `body` to the message's number; return the provider's id for it.

    Raises SmsSuppressed (permanent) if the number asked for no texts, SmsHeld when today's
    cap on all texts is reached (it goes after midnight), SmsPermanentError when the number has
    had its own cap today (more to one number in a day is a fault or abuse, which holding would
    only postpone), and the provider's errors. A number the provider says opted out is added to
    the list.
    """
    number = message.recipient
    if not rules.may_text(number):
        raise SmsSuppressed("This number asked for no more texts (STOP): not sent.")
    try:
        sms_place_take(number=number)
    except SmsCapReached as reached:
        if reached.per_number:
            raise SmsPermanentError(str(reached)) from None
        raise SmsHeld(f"{reached} Held until tomorrow.", until=next_day_starts()) from None
    try:
        return get_sms_backend().send(
            to=number, body=sms_body(body), status_callback=status_callback_url(message)
        )
    except SmsOptedOut:
        suppression_add(number=number, reason=SmsSuppression.Reason.PROVIDER_OPT_OUT)
        sms_place_give_back(number=number)
        raise
    except Exception:
        # Not taken by the provider (or not known to be): it does not count against the caps.
        sms_place_give_back(number=number)
        raise
