"""What changed on a register since a tablet last asked, the same for both registers: the
parties (bookings or guest tickets) and walk-ins to show again, in a bounded number of
queries however many changed."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, QuerySet
from django.utils import timezone


@dataclass(frozen=True)
class RegisterCursor:
    """Where a tablet's picture of the register is up to: the last tap it has seen, and when it
    last asked (for bookings or tickets made or changed since)."""

    after: int
    since: datetime


# Bookings and tickets are stamped when they are written but show only once committed: ask
# again for a little while back, so that none is missed (sending a row twice is harmless).
CHANGES_OVERLAP = timedelta(seconds=30)


def cursor_of(actions: QuerySet, *, now=None) -> RegisterCursor:
    last = actions.aggregate(last=Max("pk"))["last"] or 0
    return RegisterCursor(after=last, since=now or timezone.now())


@dataclass(frozen=True)
class RegisterChanges:
    cursor: RegisterCursor
    parties: list  # bookings or guest tickets, to show again
    parties_gone: set[int]  # no longer on the register (cancelled): tablets drop them
    walk_ins: list


def changes_since(
    *,
    actions: QuerySet,
    party_field: str,
    parties: QuerySet,
    parties_get: Callable[[set[int]], list],
    walk_ins_get: Callable[[set[int]], list],
    cursor: RegisterCursor,
    now=None,
) -> RegisterChanges:
    now = now or timezone.now()
    # The last tap first, then the taps up to it: a tap committed in between is left for the
    # next time rather than skipped.
    last = max(cursor_of(actions).after, cursor.after)
    taps = actions.filter(pk__gt=cursor.after, pk__lte=last, check_in__isnull=False).values_list(
        "check_in_id", f"check_in__{party_field}_id"
    )
    party_ids, walk_in_ids = set(), set()
    for check_in_id, party_id in taps:
        if party_id:
            party_ids.add(party_id)
        else:
            walk_in_ids.add(check_in_id)
    party_ids |= set(
        parties.filter(updated_at__gte=cursor.since - CHANGES_OVERLAP).values_list("pk", flat=True)
    )
    found = parties_get(party_ids) if party_ids else []
    return RegisterChanges(
        cursor=RegisterCursor(after=last, since=now),
        parties=found,
        parties_gone=party_ids - {party.pk for party in found},
        walk_ins=walk_ins_get(walk_in_ids) if walk_in_ids else [],
    )
