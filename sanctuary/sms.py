"""A small pluggable interface for sending SMS.

A provider is added by writing a subclass of SmsBackend and naming it in the SMS_BACKEND setting.
Its send() must give up within seconds (a request timeout, such as EMAIL_TIMEOUT): a send still at
OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS is stopped, and counts as a temporary failure.
Raise SmsTemporaryError when trying again later may work (a timeout, the provider is down) and
SmsPermanentError when it never will (a number that cannot receive texts).
"""

import sys
import threading

from django.conf import settings
from django.utils.module_loading import import_string


class SmsTemporaryError(Exception):
    """Sending failed, but may succeed later."""


class SmsPermanentError(Exception):
    """Sending failed and will keep failing."""


class SmsBackend:
    def send(self, *, to: str, body: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(SmsBackend):
    """Prints each text, for development."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def send(self, *, to: str, body: str) -> None:
        with self._lock:
            self.stream.write(f"SMS to {to}:\n{body}\n{'-' * 40}\n")
            self.stream.flush()


class NoSmsBackend(SmsBackend):
    """Production's default until a provider is chosen: every text fails, visibly."""

    def send(self, *, to: str, body: str) -> None:
        raise SmsPermanentError("No SMS provider is set up (the SMS_BACKEND setting).")


# Texts sent through LocmemSmsBackend, for tests, like django.core.mail.outbox.
outbox: list[dict] = []


class LocmemSmsBackend(SmsBackend):
    """Keeps each text in sanctuary.sms.outbox, for tests."""

    def send(self, *, to: str, body: str) -> None:
        outbox.append({"to": to, "body": body})


def get_sms_backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()
