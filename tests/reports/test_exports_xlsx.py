"""The spreadsheet, opened again with openpyxl: sheets, numbers, words, direction."""

import datetime
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from reports.exports import report_xlsx
from reports.published import Section
from tests.reports.helpers import a_report


def opened(content: bytes):
    return load_workbook(io.BytesIO(content))


def rows_of(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]


def test_an_about_sheet_comes_first_then_one_sheet_per_section():
    book = opened(report_xlsx(a_report()))

    assert book.sheetnames == ["About", "Drop-in", "Bursaries", "Network events"]


def test_the_about_sheet_says_the_period_venue_time_and_the_rule():
    about = opened(report_xlsx(a_report()))["About"]
    rows = rows_of(about)

    assert rows[2][:2] == ("From", datetime.datetime(2026, 9, 1))
    assert rows[3][:2] == ("To", datetime.datetime(2026, 11, 10))
    assert rows[4][:2] == ("Venue", "All venues")
    assert rows[5][:2] == ("Generated at", datetime.datetime(2026, 11, 10, 10, 0))
    assert rows[6][0].startswith("Counts from 1 to 4 are shown as “fewer than 5”")


def test_figures_are_numbers_withheld_ones_words_and_the_note_is_under_the_table():
    sheet = opened(report_xlsx(a_report()))["Drop-in"]
    rows = [row[:2] for row in rows_of(sheet)]
    start = rows.index(("Languages asked for", None))

    assert rows[start : start + 7] == [
        ("Languages asked for", None),
        (None, "Bookings"),
        ("العربيّة", 37),
        ("Українська", "fewer than 5"),
        ('=HYPERLINK("x")', 12),
        ("Total", 50),
        ("Each booking's language for messages.", None),
    ]
    assert ("People who came", 1234, "Everyone checked in, walk-ins included.") in rows_of(sheet)


def test_a_label_like_a_formula_is_stored_as_text_and_a_rounded_total_is_marked():
    sheet = opened(report_xlsx(a_report()))["Drop-in"]
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}

    assert cells['=HYPERLINK("x")'].data_type == "s"
    assert cells[50].number_format.startswith('"≈"')


def test_money_is_a_number_in_pounds():
    sheet = opened(report_xlsx(a_report()))["Bursaries"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == 1250.5)

    assert cell.number_format == "£#,##0.00"
    assert ("Youth theatre fund", 1250.5, "withheld") in [row[:3] for row in rows_of(sheet)]


@pytest.mark.parametrize(
    ("language", "right_to_left"),
    [("en", False), ("uk", False), ("ar", True), ("fa", True), ("ps", True)],
)
def test_sheets_read_right_to_left_in_arabic_persian_and_pashto(language, right_to_left):
    with translation.override(language):
        book = opened(report_xlsx(a_report()))

    assert {bool(sheet.sheet_view.rightToLeft) for sheet in book.worksheets} == {right_to_left}


def test_sheet_names_are_made_legal_and_unique():
    report = a_report()
    sections = tuple(
        Section(key=f"s{i}", title="Guests: who came / who did not [by partner]?") for i in range(2)
    )
    book = opened(report_xlsx(a_report(sections=report.sections + sections)))

    names = book.sheetnames[-2:]
    assert len(set(names)) == 2
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names)
