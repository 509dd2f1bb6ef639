"""The audit trail: who did what to which object, and what changed."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from sanctuary import audit
from sanctuary.locks import lock_row
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


def _snapshot(obj: models.Model | None) -> dict:
    """Every field staff edit, each language's text included (none holds personal data), as
    stored. An empty translation is stored as NULL or as "": both are nothing."""
    if obj is None:
        return {}
    fields = [field.name for field in obj._meta.concrete_fields if not field.primary_key]
    return {
        name: "" if value is None else value for name, value in audit.values(obj, fields).items()
    }


@transaction.atomic
def audited_save(
    *,
    obj: models.Model,
    actor: User | None,
    changed: Iterable[str],
    name: str,
    stored: models.Model | None = None,
) -> models.Model:
    """Save what staff set up in the admin, and record it: a new one as created, a change with each
    field's old and new value."""
    created = obj.pk is None
    if not created and stored is None:
        stored = lock_row(type(obj), obj.pk)
    before = _snapshot(stored)
    obj.full_clean()
    obj.save()
    if created:
        audit_record(actor=actor, action=f"{name}.create", obj=obj)
    elif changed:
        audit_record(
            actor=actor,
            action=f"{name}.update",
            obj=obj,
            detail={"fields": sorted(changed)},
            before=before,
            # As stored (£4,000 is 4000.00 whichever way it was typed).
            after=_snapshot(type(obj)._default_manager.get(pk=obj.pk)),
        )
    return obj
