"""A small pluggable interface for sending SMS.

A provider is added by writing a subclass of SmsBackend and naming it in the SMS_BACKEND setting.
Its send() must give up within seconds (a request timeout, such as SMS_TIMEOUT): a send still at
OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS is stopped, and counts as a temporary failure.
Raise SmsTemporaryError when trying again later may work (a timeout, the provider is down) and
SmsPermanentError when it never will (a number that cannot receive texts); SmsOptedOut when the
provider says the person has opted out (the number is then never texted again).
"""

import sys
import threading

from django.conf import settings
from django.utils.module_loading import import_string

from sanctuary.sms.encoding import sms_parts


class SmsTemporaryError(Exception):
    """Sending failed, but may succeed later."""


class SmsPermanentError(Exception):
    """Sending failed and will keep failing."""


class SmsOptedOut(SmsPermanentError):
    """The provider refuses: the person has opted out of texts from us."""


class SmsBackend:
    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        """Send one text; return the provider's id for it ("" if it has none).

        `status_callback` is the absolute address where the provider may post delivery
        receipts for this text; a backend without receipts ignores it."""
        raise NotImplementedError


class ConsoleSmsBackend(SmsBackend):
    """Prints each text, for development, with its encoding and how many parts it costs."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        parts = sms_parts(body)
        with self._lock:
            self.stream.write(
                f"SMS to {to} ({parts.encoding}, {parts.count} part"
                f"{'' if parts.count == 1 else 's'}, {parts.units} "
                f"{'septets' if parts.encoding == 'GSM-7' else 'UTF-16 units'}):\n"
                f"{body}\n{'-' * 40}\n"
            )
            self.stream.flush()
        return ""


class NoSmsBackend(SmsBackend):
    """Production's default until a provider is chosen: every text fails, visibly."""

    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        raise SmsPermanentError("No SMS provider is set up (the SMS_BACKEND setting).")


# Texts sent through LocmemSmsBackend, for tests, like django.core.mail.outbox.
outbox: list[dict] = []


class LocmemSmsBackend(SmsBackend):
    """Keeps each text in sanctuary.sms.outbox, for tests."""

    def send(self, *, to: str, body: str, status_callback: str = "") -> str:
        outbox.append({"to": to, "body": body})
        return ""


def get_sms_backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()
