"""Reports in the tests: each table's figures read back as plain values, and published reports
made straight from the dataclasses (the input the writers take)."""

import datetime
from decimal import Decimal

from reports.published import Cell, Chart, Headline, Period, Report, Row, Section, Table, Unit

AUTUMN = Period(start=datetime.date(2026, 9, 1), end=datetime.date(2026, 12, 31), label="Autumn")
WITHHELD = "withheld"


def shown(cell):
    return WITHHELD if cell.suppressed else cell.value


def figures(table: Table) -> dict[str, list]:
    """{row label: [each cell as shown]}, the total row under "total"."""
    rows = {row.label: [shown(cell) for cell in row.cells] for row in table.rows}
    if table.total is not None:
        rows["total"] = [shown(cell) for cell in table.total.cells]
    return rows


def headline(report, section: str, key: str):
    return shown(next(h.cell for h in report.section(section).headlines if h.key == key))


def every_cell(report):
    for section in report.sections:
        for line in section.headlines:
            yield line.unit, line.cell
        for table in section.tables:
            for row in (*table.rows, *([table.total] if table.total else [])):
                for cell in row.cells:
                    yield table.unit, cell


START, END = datetime.date(2026, 9, 1), datetime.date(2026, 11, 10)
COMPUTED_AT = datetime.datetime(2026, 11, 10, 10, 0, tzinfo=datetime.UTC)


def a_report(**changes) -> Report:
    """Two sections: the drop-in (a withheld count, a rounded total, a label that looks like a
    formula) and bursaries (pounds, a figure withheld beside a small one)."""
    attendance = Section(
        key="attendance",
        title="Drop-in",
        headlines=(
            Headline(
                key="people",
                label="People who came",
                cell=Cell(1234),
                how_counted="Everyone checked in, walk-ins included.",
            ),
        ),
        tables=(
            Table(
                key="languages",
                title="Languages asked for",
                how_counted="Each booking's language for messages.",
                columns=("Bookings",),
                rows=(
                    Row(label="العربيّة", cells=(Cell(37),), key="ar"),
                    Row(label="Українська", cells=(Cell(None, suppressed=True),), key="uk"),
                    Row(label='=HYPERLINK("x")', cells=(Cell(12),), key="odd"),
                ),
                total=Row(label="Total", cells=(Cell(50, rounded=True),)),
                chart=Chart.BAR,
            ),
        ),
    )
    bursaries = Section(
        key="bursaries",
        title="Bursaries",
        tables=(
            Table(
                key="budget",
                title="Budget spent and left",
                how_counted="Awards approved, against each fund's budget.",
                columns=("Spent", "Left"),
                rows=(
                    Row(
                        label="Youth theatre fund",
                        cells=(
                            Cell(Decimal("1250.50")),
                            Cell(None, suppressed=True, secondary=True),
                        ),
                    ),
                    Row(
                        label="Small fund",
                        cells=(Cell(None, suppressed=True), Cell(None, suppressed=True)),
                    ),
                ),
                unit=Unit.POUNDS,
                chart=Chart.STACKED,
            ),
        ),
    )
    network = Section(key="network", title="Network events", tables=())
    values = {
        "period": Period(start=START, end=END, label="Autumn term"),
        "venue_slug": "",
        "venue_name": "All venues",
        "sections": (attendance, bursaries, network),
        "computed_at": COMPUTED_AT,
    }
    values.update(changes)
    return Report(**values)
