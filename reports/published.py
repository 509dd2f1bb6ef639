"""What a report publishes: figures already made safe to show, and nothing else.

`reports.figures` counts; `reports.suppression` turns those counts into the cells below. Raw
counts never leave those two modules, so the dashboard, its charts, the CSV and spreadsheet
exports and the award evidence pack can only show what is safe to show.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Unit(StrEnum):
    PEOPLE = "people"  # a count of people, households, bookings, tickets…
    POUNDS = "pounds"  # money, in pounds
    DAYS = "days"  # a duration in days (a median, say)


class Chart(StrEnum):
    """How a table is drawn beside it; NONE for a table on its own."""

    NONE = "none"
    LINE = "line"  # over time: one point per row
    BAR = "bar"  # one bar per row (per column when a table has several columns)
    STACKED = "stacked"  # one bar per row, its columns stacked (e.g. spent and left)


@dataclass(frozen=True)
class Cell:
    """One published figure.

    `value` is None when the figure is withheld (a count from 1 to 4, or a cell withheld so that
    a suppressed one cannot be worked out). `rounded` says a total was rounded for that reason.
    `secondary` says a withheld figure is not itself small: it was withheld so that a small one
    cannot be worked out from it ("withheld" rather than "fewer than 5").
    """

    value: int | Decimal | None
    suppressed: bool = False
    rounded: bool = False
    secondary: bool = False


@dataclass(frozen=True)
class Row:
    label: str  # already in the reader's language
    cells: tuple[Cell, ...]
    key: str = ""  # a stable code for the row (a date, a venue's slug…) for exports


@dataclass(frozen=True)
class Table:
    """A breakdown: rows by columns, with the note saying how it was counted."""

    key: str  # stable, e.g. "attendance_per_session"; exports and tests use it
    title: str
    how_counted: str  # a short note, in the reader's language, shown under the figure
    columns: tuple[str, ...]  # column headings; a table of one figure per row has one
    rows: tuple[Row, ...]
    unit: Unit = Unit.PEOPLE
    chart: Chart = Chart.BAR
    total: Row | None = None  # the totals row, published under the same rules


@dataclass(frozen=True)
class Headline:
    """A single figure at the top of a section ("People who came: 1,234")."""

    key: str
    label: str
    cell: Cell
    how_counted: str
    unit: Unit = Unit.PEOPLE


@dataclass(frozen=True)
class Section:
    key: str  # "attendance", "bursaries", "guests", "network"
    title: str
    headlines: tuple[Headline, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Period:
    """Inclusive dates, in the programme's time zone."""

    start: datetime.date
    end: datetime.date
    label: str = ""


@dataclass(frozen=True)
class Report:
    period: Period
    venue_slug: str  # "" for every venue
    venue_name: str  # already in the reader's language; "All venues" when venue_slug is ""
    sections: tuple[Section, ...] = ()
    computed_at: datetime.datetime | None = None
    threshold: int = 5  # counts below this (and above zero) are withheld
    extra: dict = field(default_factory=dict)

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)

    def table(self, key: str) -> Table:
        return next(t for section in self.sections for t in section.tables if t.key == key)
