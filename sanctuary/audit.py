"""What an audit event says about a change: each field's value before and after.

Values are kept small and JSON-safe: a related row by its key, many related rows as a sorted list
of keys, numbers, dates and times as text. A field that holds personal data (a name, an email
address, a phone number, free text someone wrote about themselves) is recorded as changed,
never with its values, so the audit trail holds no personal data in clear.
"""

import datetime
import decimal
import uuid
from collections.abc import Iterable

from django.db import models

_MISSING = object()


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return str(value)


def values(obj: models.Model | None, fields: Iterable[str]) -> dict:
    """A snapshot of these fields of `obj`, to compare before and after a change.

    None (no object yet) gives an empty snapshot: every field then counts as new.
    """
    if obj is None:
        return {}
    snapshot = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            related = getattr(obj, name).values_list("pk", flat=True) if obj.pk else []
            value = sorted(related)
        elif field.is_relation:
            value = getattr(obj, field.attname)
        else:
            value = getattr(obj, name)
        snapshot[name] = _plain(value)
    return snapshot


def changes(*, before: dict, after: dict, personal: Iterable[str] = ()) -> dict:
    """Each field whose value differs, as {"old": …, "new": …} (or {"changed": True} for
    personal data, whose values are never written down)."""
    personal = set(personal)
    result = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, _MISSING), after.get(name, _MISSING)
        if old == new:
            continue
        if name in personal:
            result[name] = {"changed": True}
            continue
        result[name] = {
            "old": None if old is _MISSING else old,
            "new": None if new is _MISSING else new,
        }
    return result


def describe(detail: dict) -> list[str]:
    """One line per changed field, for people reading the audit trail: "capacity: 40 → 20"."""
    lines = []
    for name, change in (detail.get("changes") or {}).items():
        if "old" in change:
            lines.append(f"{name}: {_shown(change['old'])} → {_shown(change['new'])}")
        else:
            lines.append(f"{name}: …")
    return lines


def _shown(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)
