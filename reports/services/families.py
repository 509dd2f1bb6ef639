"""The night after a drop-in session, its families who came are counted as first-time, returning
or without a contact to tell, and the counts kept (reports.models.FamilyCount): the contacts that
tell them apart are forgotten DROPIN_KEEP_DAYS after each session, and a report of an older
period must still say how many came back."""

from django.utils import timezone

from attendance.rules import booking_came_q
from dropins.models import Booking, DropInSession
from dropins.rules import ended_q, past_keeping_q
from reports import rules
from reports.models import FamilyCount


def families_count(*, now=None) -> int:
    """Count each session held that has ended, still has its contacts and has not been counted
    yet; counted once, so that a count made while the weeks before were still known is never
    made again with less. Returns how many sessions were counted."""
    now = now or timezone.now()
    sessions = (
        DropInSession.objects.filter(ended_q(now), status=DropInSession.Status.SCHEDULED)
        .exclude(past_keeping_q(now))
        .filter(family_count__isnull=True)
    )
    rows = (
        Booking.objects.filter(booking_came_q(), session__in=sessions)
        .values("session")
        .annotate(**rules.family_kinds())
        .order_by()
    )
    counted = {row["session"]: rules.families_of(row) for row in rows}
    nobody = rules.Families(first=0, returning=0, unknown=0)
    made = [
        FamilyCount(session_id=session_id, counted_at=now, **vars(counted.get(session_id, nobody)))
        for session_id in sessions.values_list("pk", flat=True)
    ]
    FamilyCount.objects.bulk_create(made, ignore_conflicts=True)
    return len(made)
