"""The audit trail: who did what to which object, and what changed."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from sanctuary import audit
from sanctuary.models import AuditEvent, User


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    detail: dict | None = None,
    before: dict | None = None,
    after: dict | None = None,
    personal: Iterable[str] = (),
) -> AuditEvent | None:
    """Record that `actor` did `action` to `obj`. Call it inside the transaction of the change.

    With `before` and `after` (snapshots from `sanctuary.audit.values`), the event records each
    field's old and new value under detail["changes"]; fields named in `personal` are recorded
    as changed, without their values. An update that changed nothing records nothing (None).
    """
    detail = dict(detail or {})
    if before is not None or after is not None:
        changed = audit.changes(before=before or {}, after=after or {}, personal=personal)
        if not changed and not detail:
            return None
        if changed:
            detail["changes"] = changed
    event = AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        detail=detail,
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:200]
    event.full_clean()
    event.save()
    return event
