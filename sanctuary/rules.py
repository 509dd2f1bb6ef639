"""The kernel's yes/no rules, each written once: the outbox's (in the two forms code needs: a Q
for the sweep, many rows in SQL, and a function for one row, delivery under the row's lock;
tests/sanctuary/test_rules.py checks that the two agree), text messages' and team accounts'.
"""

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from sanctuary.models import OutgoingMessage
from sanctuary.roles import APPLICATION_READING_PERMISSIONS, CONTACT_DETAIL_PERMISSIONS
from sanctuary.sms.caps import sms_sent_today
from sanctuary.sms.suppression import is_suppressed

# The outbox ---------------------------------------------------------------------------------------


def sending_lease() -> timedelta:
    """How long a worker holds a message it is sending (OUTBOX_SENDING_LEASE_SECONDS)."""
    return timedelta(seconds=settings.OUTBOX_SENDING_LEASE_SECONDS)


def is_sending_abandoned(message: OutgoingMessage, now: datetime) -> bool:
    """Left "sending" by a worker that died: its lease has run out.

    A live worker's send ends, or is killed by the task's time limit, before its lease runs out,
    so a message still sending after that is nobody's and may be sent again. A row marked
    sending with no start time has no lease at all."""
    if message.status != OutgoingMessage.Status.SENDING:
        return False
    return message.sending_since is None or message.sending_since <= now - sending_lease()


def sending_abandoned_q(now: datetime) -> Q:
    return Q(status=OutgoingMessage.Status.SENDING) & (
        Q(sending_since__isnull=True) | Q(sending_since__lte=now - sending_lease())
    )


# Text messages ------------------------------------------------------------------------------------


def may_text(number: str) -> bool:
    """May a text go to this number? Not once it asked for none (a STOP reply, or the
    provider's opt-out list): the suppression list, kept as hashes, answers."""
    return not is_suppressed(number)


def sms_daily_cap_reached(now: datetime) -> bool:
    """Have today's texts (SMS_DAILY_CAP, Europe/London) all gone?"""
    return sms_sent_today(now) >= settings.SMS_DAILY_CAP


# Team accounts ------------------------------------------------------------------------------------


def must_use_two_factor(user) -> bool:
    """Must this person sign in with a second step? Yes for anyone who can see personal data:
    superusers, and whoever can see contact details (programme staff); people who read bursary
    applications without contact details (bursary reviewers) when MFA_REQUIRED_FOR_REVIEWERS
    says so. Volunteers see first names and party sizes only, and are not asked to."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # has_perm loads every permission once per request, and the admin asks it anyway.
    if any(user.has_perm(permission) for permission in CONTACT_DETAIL_PERMISSIONS):
        return True
    return settings.MFA_REQUIRED_FOR_REVIEWERS and any(
        user.has_perm(permission) for permission in APPLICATION_READING_PERMISSIONS
    )


def two_factor_grace_ends(user) -> datetime | None:
    """When someone who must use two-step sign-in can no longer carry on without it."""
    if user.two_factor_required_since is None:
        return None
    return user.two_factor_required_since + timedelta(days=settings.MFA_GRACE_DAYS)


def two_factor_grace_over(user, now: datetime) -> bool:
    ends = two_factor_grace_ends(user)
    return ends is not None and now >= ends


def two_factor_days_left(user, now: datetime) -> int:
    """Whole days (rounded up) until the grace period ends; 0 once it has."""
    ends = two_factor_grace_ends(user)
    if ends is None:
        return settings.MFA_GRACE_DAYS
    return max(0, math.ceil((ends - now) / timedelta(days=1)))


# Translations -------------------------------------------------------------------------------------


def translation_needs_review(language: str) -> bool:
    """Do pages in `language` invite corrections to their translation? Yes until a fluent
    speaker has reviewed its catalog (TRANSLATIONS_REVIEWED). English is the source."""
    code = (language or "").lower()
    return code != settings.LANGUAGE_CODE and code not in settings.TRANSLATIONS_REVIEWED
