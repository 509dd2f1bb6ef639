"""Row locks, taken one way everywhere.

Every write that consumes capacity or budget locks the rows it decides on, inside its
transaction. Locks are always taken in primary-key order, so two transactions that need the same
rows queue behind each other instead of deadlocking, and each row is locked once, in one query.
"""

from collections.abc import Iterable

from django.db import models, transaction


def lock_rows(queryset: models.QuerySet | type[models.Model], pks: Iterable) -> dict:
    """Lock the rows with these primary keys (in key order) and return them by key.

    `queryset` may carry select_related() for rows that come with the locked ones; only the
    queryset's own table is locked. Must be called inside a transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Row locks only hold inside a transaction (transaction.atomic).")
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    wanted = sorted(set(pks))
    if not wanted:
        return {}
    rows = queryset.select_for_update(of=("self",)).filter(pk__in=wanted).order_by("pk")
    return {row.pk: row for row in rows}


def lock_row(queryset: models.QuerySet | type[models.Model], pk):
    """Lock one row and return it; DoesNotExist if there is none."""
    rows = list(lock_rows(queryset, [pk]).values())
    if not rows:
        model = queryset if isinstance(queryset, type) else queryset.model
        raise model.DoesNotExist(f"No {model._meta.object_name} with pk {pk!r}.")
    return rows[0]


def lock_free(queryset: models.QuerySet) -> models.QuerySet:
    """The rows of `queryset` that no other transaction holds, each locked as it is read; rows
    held elsewhere are skipped, never waited for (so this takes no part in lock order).

    For scans that several workers may run at once (the outbox sweep, reminders, retention):
    each takes what is free and leaves the rest to the others. The caller filters, orders and
    slices. Only the queryset's own table is locked. Must be called inside a transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Row locks only hold inside a transaction (transaction.atomic).")
    return queryset.select_for_update(skip_locked=True, of=("self",))
