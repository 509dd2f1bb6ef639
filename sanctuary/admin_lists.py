"""Admin lists that stay quick however long the table grows: no second COUNT for "of N in
all", and no COUNT at all of a big table shown unfiltered, whose size PostgreSQL's statistics
give near enough for the page numbers. Every ModelAdmin of ours has this (SafeInputAdmin)."""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows (by PostgreSQL's estimate) a list counts them exactly: cheap, and exact.
ESTIMATE_FROM_ROWS = 20_000


def _unfiltered(queryset) -> bool:
    query = queryset.query
    return (
        not query.where
        and not query.distinct
        and query.low_mark == 0
        and query.high_mark is None
        and not query.combinator
    )


def estimated_rows(queryset) -> int | None:
    """PostgreSQL's estimate of the rows in the queryset's table (from its last ANALYZE), or
    None where there is none."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
            [queryset.model._meta.db_table],
        )
        row = cursor.fetchone()
    if row is None or row[0] is None or row[0] < 0:
        return None  # never analysed
    return row[0]


class EstimatedCountPaginator(Paginator):
    """Counts exactly, except an unfiltered list of a big table, whose count is estimated."""

    @cached_property
    def count(self):
        if _unfiltered(self.object_list):
            estimate = estimated_rows(self.object_list)
            if estimate is not None and estimate >= ESTIMATE_FROM_ROWS:
                return estimate
        return super().count


class ListAtScaleAdmin:
    paginator = EstimatedCountPaginator
    # "N selected of M" would count the whole table a second time.
    show_full_result_count = False
