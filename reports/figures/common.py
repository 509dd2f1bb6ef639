"""What every section of a report shares: the scope it counts in (period, venue, now) and the
way a grid of counts becomes a published table."""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from dropins.models import LONDON
from reports.published import Cell, Chart, Period, Row, Table, Unit
from reports.suppression import Ledger
from venues.models import Venue


@dataclass(frozen=True)
class Scope:
    period: Period
    venue: Venue | None  # None: every venue
    venues: tuple[Venue, ...]  # every venue, in order, for names and columns
    now: datetime.datetime

    @property
    def starts_at(self) -> datetime.datetime:
        """The first moment of the period, in the programme's time zone."""
        return datetime.datetime.combine(self.period.start, datetime.time(0), tzinfo=LONDON)

    @property
    def ends_before(self) -> datetime.datetime:
        """The first moment after the period."""
        day_after = self.period.end + datetime.timedelta(days=1)
        return datetime.datetime.combine(day_after, datetime.time(0), tzinfo=LONDON)

    @property
    def until(self) -> datetime.datetime:
        """Figures about what happened: up to now, within the period."""
        return min(self.ends_before, self.now)

    def venue_name(self, venue_id: int | None) -> str:
        for venue in self.venues:
            if venue.pk == venue_id:
                return str(venue.name)
        return ""

    @property
    def by_venue(self) -> bool:
        """Breakdowns are per venue when no venue is chosen (and there is more than one)."""
        return self.venue is None and len(self.venues) > 1


def scope_of(*, period: Period, venue_slug: str, now=None) -> Scope:
    venues = tuple(Venue.objects.order_by("position", "name"))
    venue = next((v for v in venues if v.slug == venue_slug), None) if venue_slug else None
    return Scope(period=period, venue=venue, venues=venues, now=now or timezone.now())


@dataclass(frozen=True)
class Column:
    key: Hashable
    label: str


@dataclass(frozen=True)
class Line:
    key: Hashable
    label: str
    code: str = ""  # Row.key


class Grid:
    """A table of counts (rows by columns) with a total per column and, if asked, a grand
    total: registered in a ledger, so that suppression sees every sum."""

    def __init__(
        self,
        ledger: Ledger,
        name: str,
        rows: Sequence[Line],
        columns: Sequence[Column],
        counts: dict[tuple[Hashable, Hashable], int],
        *,
        grand: Hashable | None = None,
        totals: dict[Hashable, Hashable] | None = None,
        at_most: Sequence[tuple[Hashable, Hashable]] = (),
    ):
        """`grand`: a figure already in the ledger that the column totals add up to (with one
        column, its total is that figure). `totals`: figures already in the ledger that are
        some columns' totals (the same figure shared by two breakdowns is one cell).
        `at_most`: (smaller, larger) columns, the first never more than the second in any row
        or total, as a reader knows (awarded and applications)."""
        self.name, self.rows, self.columns = name, list(rows), list(columns)
        self._totals = dict(totals or {})
        if grand is not None and len(self.columns) == 1:
            self._totals[self.columns[0].key] = grand
            grand = None
        for row in self.rows:
            for column in self.columns:
                ledger.count(self.key(row.key, column.key), counts.get((row.key, column.key), 0))
        for column in self.columns:
            if column.key not in self._totals:
                total = sum(counts.get((row.key, column.key), 0) for row in self.rows)
                ledger.count(self.total_key(column.key), total, may_round=True)
            ledger.sums(self.total_key(column.key), [self.key(r.key, column.key) for r in rows])
        if grand is not None:
            ledger.sums(grand, [self.total_key(column.key) for column in self.columns])
        for smaller, larger in at_most:
            excesses = [
                ledger.at_most(self.key(row.key, smaller), self.key(row.key, larger))
                for row in self.rows
            ]
            total = ledger.at_most(self.total_key(smaller), self.total_key(larger))
            ledger.sums(total, excesses)

    def key(self, row, column) -> tuple:
        return (self.name, row, column)

    def total_key(self, column) -> Hashable:
        return self._totals.get(column, (self.name, "total", column))

    def table(
        self,
        cells: dict[Hashable, Cell],
        *,
        key: str,
        title: str,
        how_counted: str,
        total_label: str,
        chart: Chart = Chart.BAR,
        unit: Unit = Unit.PEOPLE,
    ) -> Table:
        rows = tuple(
            Row(
                label=row.label,
                key=row.code,
                cells=tuple(cells[self.key(row.key, column.key)] for column in self.columns),
            )
            for row in self.rows
        )
        total = Row(
            label=total_label,
            key="total",
            cells=tuple(cells[self.total_key(column.key)] for column in self.columns),
        )
        return Table(
            key=key,
            title=title,
            how_counted=how_counted,
            columns=tuple(column.label for column in self.columns),
            rows=rows,
            unit=unit,
            chart=chart,
            total=total,
        )


def venue_columns(scope: Scope, single_label: str) -> list[Column]:
    """One column per venue when no venue is chosen; else one column."""
    if scope.by_venue:
        return [Column(venue.pk, str(venue.name)) for venue in scope.venues]
    return [Column("one", single_label)]


def column_of(scope: Scope, venue_id) -> Hashable:
    return venue_id if scope.by_venue else "one"
