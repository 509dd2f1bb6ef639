"""A report as CSV: UTF-8 with a byte-order mark, so that Excel reads Arabic, Persian, Pashto and
Ukrainian right; one block per table (its title, how it was counted, its header, its rows, its
total), and no cell that a spreadsheet could run as a formula."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext, pgettext

from reports.cell_words import withheld_words
from reports.exports import words
from reports.published import Cell, Report, Row, Table, Unit


def _number(value: int | Decimal, unit: Unit) -> str:
    if unit == Unit.POUNDS:
        return f"{Decimal(value):.2f}"
    return str(value)


def _cell(report: Report, cell: Cell, unit: Unit) -> str:
    text = withheld_words(cell, unit)
    if text is not None:
        return text
    number = _number(cell.value, unit)
    return f"≈{number}" if cell.rounded else number


def _row(report: Report, row: Row, unit: Unit) -> list[str]:
    return [row.label, *(_cell(report, cell, unit) for cell in row.cells)]


def _table(report: Report, table: Table) -> list[list[str]]:
    lines = [[table.title], [table.how_counted], ["", *table.columns]]
    lines += [_row(report, row, table.unit) for row in table.rows]
    if table.total is not None:
        lines.append(_row(report, table.total, table.unit))
    return lines


def report_csv(report: Report) -> bytes:
    """The report's figures as CSV bytes, in the active language."""
    lines: list[list[str]] = [
        [report.extra.get("title") or gettext("Theatre of Sanctuary programme report")],
        [gettext("Period"), words.period_words(report)],
        [pgettext("period", "From"), report.period.start.isoformat()],
        [pgettext("period", "To"), report.period.end.isoformat()],
        [gettext("Venue"), report.venue_name],
        [gettext("Generated at"), words.generated_at(report).strftime("%Y-%m-%d %H:%M")],
        [words.suppression_rule(report)],
    ]
    if words.is_rounded(report):
        lines.append([words.rounded_note()])
    statements = report.extra.get("statements", {})
    for section in report.sections:
        lines += [[], [section.title]]
        for headline in section.headlines:
            lines.append(
                [headline.label, _cell(report, headline.cell, headline.unit), headline.how_counted]
            )
        for table in section.tables:
            lines += [[], *_table(report, table)]
        if section.key in statements:
            lines += [[], [gettext("What we did")], [statements[section.key]]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in lines:
        writer.writerow([words.spreadsheet_safe(value) for value in line])
    return buffer.getvalue().encode("utf-8-sig")
