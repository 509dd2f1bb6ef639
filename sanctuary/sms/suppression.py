"""Numbers that asked for no more texts, kept as keyed hashes.

A number is kept only as HMAC-SHA256 of its E.164 form under SMS_SUPPRESSION_KEY, so the list
names nobody, survives the anonymising that erases numbers from bookings and the outbox, and
still answers "did this number say STOP?". The key is its own setting, not SECRET_KEY: rotating
SECRET_KEY (as one does after a leak) would otherwise silently empty the list and text people
who said STOP. Without it (a laptop) the key is derived from SECRET_KEY.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from phonenumber_field.phonenumber import to_python

from sanctuary.models import SmsSuppression

# What people reply, alone, to stop or restart texts: the keywords carriers and Twilio honour.
STOP_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT"})
START_WORDS = frozenset({"START", "UNSTOP", "YES"})


def _key() -> bytes:
    if settings.SMS_SUPPRESSION_KEY:
        return settings.SMS_SUPPRESSION_KEY.encode()
    return hashlib.sha256(b"sanctuary.sms.suppression:" + settings.SECRET_KEY.encode()).digest()


def e164(number: str) -> str:
    """The number in E.164 form, or "" if it is not a number."""
    parsed = to_python(number)
    return parsed.as_e164 if parsed and parsed.is_valid() else ""


def number_hash(number: str) -> str:
    return hmac.new(_key(), (e164(number) or number).encode(), hashlib.sha256).hexdigest()


def is_suppressed(number: str) -> bool:
    return SmsSuppression.objects.filter(number_hash=number_hash(number)).exists()


def suppression_add(*, number: str, reason: str) -> bool:
    """Put the number on the list. Returns False if it was there already."""
    try:
        with transaction.atomic():
            SmsSuppression.objects.create(number_hash=number_hash(number), reason=reason)
    except IntegrityError:
        return False
    return True


def suppression_remove_by_reply(*, number: str) -> bool:
    """The person texted START: take the number off the list."""
    deleted, _ = SmsSuppression.objects.filter(number_hash=number_hash(number)).delete()
    return bool(deleted)


def reply_keyword(body: str) -> str:
    """ "stop" or "start" if a reply is one of the keywords on its own, else ""."""
    word = body.strip().strip(".!").upper()
    if word in STOP_WORDS:
        return "stop"
    if word in START_WORDS:
        return "start"
    return ""
