"""A report as a spreadsheet (openpyxl): an "About" sheet first (the period, the venue, when it
was made and the rule that withholds small numbers), then one sheet per section. Figures are
numbers, withheld ones words; each table has how it was counted beneath it. Sheets read right
to left in Arabic, Persian and Pashto."""

import io
import re
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext, pgettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from reports.cell_words import withheld_words
from reports.exports import words
from reports.published import Cell, Report, Row, Section, Table, Unit

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
NOTE = Font(italic=True)
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER_FORMATS = {Unit.PEOPLE: "#,##0", Unit.POUNDS: "£#,##0.00", Unit.DAYS: "0.#"}
SHEET_NAME_BANNED = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


class _Sheet:
    """Writes row after row; every string is stored as text (never a formula)."""

    def __init__(self, sheet: Worksheet, report: Report):
        self.sheet = sheet
        self.report = report
        self.row = 1
        sheet.sheet_view.rightToLeft = translation.get_language_bidi()
        sheet.column_dimensions["A"].width = 48

    def put(self, column: int, value, *, font=None, number_format=None, wrap=False):
        cell = self.sheet.cell(row=self.row, column=column)
        if isinstance(value, str):
            cell.value = _text(value)
            cell.data_type = "s"  # "=…" stays words: openpyxl would take it for a formula
        else:
            cell.value = value
        if font is not None:
            cell.font = font
        if number_format is not None:
            cell.number_format = number_format
        if wrap:
            cell.alignment = WRAP
        return cell

    def line(self, *values, font=None):
        for column, value in enumerate(values, start=1):
            self.put(column, value, font=font)
        self.row += 1

    def skip(self):
        self.row += 1

    def figure(self, column: int, cell: Cell, unit: Unit, *, font=None):
        text = withheld_words(cell, unit)
        if text is not None:
            self.put(column, text, font=font)
            return
        value = float(cell.value) if isinstance(cell.value, Decimal) else cell.value
        number_format = NUMBER_FORMATS[unit]
        if cell.rounded:
            number_format = f'"≈"{number_format}'
        self.put(column, value, font=font, number_format=number_format)

    def figures_row(self, row: Row, unit: Unit, *, font=None):
        self.put(1, row.label, font=font)
        for column, cell in enumerate(row.cells, start=2):
            self.figure(column, cell, unit, font=font)
        self.row += 1

    def table(self, table: Table):
        self.line(table.title, font=BOLD)
        self.line("", *table.columns, font=BOLD)
        for row in table.rows:
            self.figures_row(row, table.unit)
        if table.total is not None:
            self.figures_row(table.total, table.unit, font=BOLD)
        self.put(1, table.how_counted, font=NOTE)
        self.skip()
        self.skip()

    def section(self, section: Section, statement: str | None):
        self.line(section.title, font=TITLE)
        self.skip()
        for headline in section.headlines:
            self.put(1, headline.label, font=BOLD)
            self.figure(2, headline.cell, headline.unit)
            self.put(3, headline.how_counted, font=NOTE)
            self.skip()
        if section.headlines:
            self.skip()
        for table in section.tables:
            self.table(table)
        if statement is not None:
            self.line(gettext("What we did"), font=BOLD)
            self.put(1, statement, wrap=True)
            self.sheet.merge_cells(
                start_row=self.row, start_column=1, end_row=self.row, end_column=6
            )
            self.sheet.row_dimensions[self.row].height = min(400, 15 * (1 + len(statement) // 90))
            self.skip()
        for letter in "BCDEFGH":
            self.sheet.column_dimensions[letter].width = 16


def _sheet_name(title: str, taken: set[str]) -> str:
    name = SHEET_NAME_BANNED.sub(" ", _text(title)).strip("' ")[:SHEET_NAME_LENGTH] or "-"
    candidate, number = name, 2
    while candidate.casefold() in taken:
        suffix = f" ({number})"
        candidate = name[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        number += 1
    taken.add(candidate.casefold())
    return candidate


def _about(sheet: _Sheet, report: Report):
    title = report.extra.get("title") or gettext("Theatre of Sanctuary programme report")
    sheet.line(title, font=TITLE)
    sheet.line(gettext("Period"), words.period_words(report))
    for label, date in (
        (pgettext("period", "From"), report.period.start),
        (pgettext("period", "To"), report.period.end),
    ):
        sheet.put(1, label)
        sheet.put(2, date, number_format="yyyy-mm-dd")
        sheet.skip()
    sheet.line(gettext("Venue"), report.venue_name)
    sheet.put(1, gettext("Generated at"))
    sheet.put(2, words.generated_at(report).replace(tzinfo=None), number_format="yyyy-mm-dd hh:mm")
    sheet.skip()
    sheet.skip()
    sheet.put(1, words.suppression_rule(report), wrap=True)
    sheet.sheet.row_dimensions[sheet.row].height = 60
    sheet.skip()
    if words.is_rounded(report):
        sheet.put(1, words.rounded_note(), wrap=True)
        sheet.skip()
    sheet.sheet.column_dimensions["A"].width = 60
    sheet.sheet.column_dimensions["B"].width = 40


def report_xlsx(report: Report) -> bytes:
    """The report as an .xlsx file's bytes, in the active language."""
    workbook = Workbook()
    taken: set[str] = set()
    about = workbook.active
    about.title = _sheet_name(gettext("About"), taken)
    _about(_Sheet(about, report), report)
    statements = report.extra.get("statements", {})
    for section in report.sections:
        sheet = _Sheet(workbook.create_sheet(_sheet_name(section.title, taken)), report)
        sheet.section(section, statements.get(section.key))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
