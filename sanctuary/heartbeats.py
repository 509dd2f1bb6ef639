"""Heartbeats: a scheduled process records that it ran, for readiness to read. Beside the
services rather than among them: the tasks write it, and sanctuary.services imports the tasks."""

from django.utils import timezone

from sanctuary.models import Heartbeat


def heartbeat_record(*, name: str) -> Heartbeat:
    """Record that `name` (e.g. "beat") is alive now: one row per name, updated in place."""
    now = timezone.now()
    if Heartbeat.objects.filter(name=name).update(beaten_at=now):
        return Heartbeat(name=name, beaten_at=now)
    heartbeat = Heartbeat(name=name, beaten_at=now)
    heartbeat.full_clean(validate_unique=False)
    # Two first beats at once: the second simply writes the same instant again.
    Heartbeat.objects.update_or_create(name=name, defaults={"beaten_at": now})
    return heartbeat
