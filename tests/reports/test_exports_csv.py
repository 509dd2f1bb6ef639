"""The CSV file: what a spreadsheet reads from it, cell by cell."""

import csv
import io

from django.utils import translation

from reports.exports import report_csv
from reports.published import Period
from tests.reports.helpers import END, START, a_report


def rows_of(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def block(rows, title):
    """The rows of the table titled `title`, from its title to the blank line after it."""
    start = rows.index([title])
    end = next(i for i in range(start, len(rows)) if not rows[i])
    return rows[start:end]


def test_each_table_is_a_block_of_title_how_counted_header_rows_and_total():
    rows = rows_of(report_csv(a_report()))

    assert block(rows, "Languages asked for") == [
        ["Languages asked for"],
        ["Each booking's language for messages."],
        ["", "Bookings"],
        ["العربيّة", "37"],
        ["Українська", "fewer than 5"],
        ['\'=HYPERLINK("x")', "12"],
        ["Total", "≈50"],
    ]


def test_money_is_written_with_pence_and_a_figure_withheld_beside_a_small_one_says_so():
    rows = rows_of(report_csv(a_report()))

    assert ["Youth theatre fund", "1250.50", "withheld"] in rows


def test_the_file_says_its_period_venue_time_and_the_rule_for_small_numbers():
    rows = rows_of(report_csv(a_report()))

    assert ["From", "2026-09-01"] in rows
    assert ["To", "2026-11-10"] in rows
    assert ["Venue", "All venues"] in rows
    assert ["Generated at", "2026-11-10 10:00"] in rows
    assert any(row and row[0].startswith("Counts from 1 to 4 are shown as") for row in rows)
    assert ["People who came", "1234", "Everyone checked in, walk-ins included."] in rows


def test_no_cell_starts_a_formula():
    report = a_report(venue_name="+44 venue", period=Period(start=START, end=END, label="-term"))
    rows = rows_of(report_csv(report))

    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    assert ["Venue", "'+44 venue"] in rows


def test_in_arabic_the_withheld_words_and_headings_are_arabic():
    with translation.override("ar"):
        rows = rows_of(report_csv(a_report()))

    assert rows[0] == ["تقرير برنامج «مسرح الملاذ»"]
    assert ["Українська", "أقل من 5"] in rows
    assert ["Youth theatre fund", "1250.50", "محجوب"] in rows


def test_money_from_fewer_than_five_awards_says_so_rather_than_under_five_pounds():
    with translation.override("en"):
        rows = rows_of(report_csv(a_report()))

    small = "withheld (fewer than 5 awards)"
    assert ["Small fund", small, small] in rows


def test_every_file_and_page_words_a_figure_not_shown_alike():
    from reports.cell_words import withheld_words
    from reports.published import Cell, Unit

    with translation.override("en"):
        assert withheld_words(Cell(None, suppressed=True), Unit.PEOPLE) == "fewer than 5"
        secondary = Cell(None, suppressed=True, secondary=True)
        assert withheld_words(secondary, Unit.PEOPLE) == "withheld"
        assert withheld_words(Cell(None), Unit.DAYS) == "–"  # nothing to count
        assert withheld_words(Cell(7), Unit.PEOPLE) is None
