"""The outbox's rules, each written once, in the two forms code needs: a Q for the sweep (many
rows, in SQL) and a function for one row (delivery, under the row's lock).
tests/sanctuary/test_rules.py checks that the two forms agree on the same rows.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from sanctuary.models import OutgoingMessage


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
