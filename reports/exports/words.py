"""What both files say around the figures: the cells' words, the file's name, the rule."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext

from bursaries.exports import spreadsheet_safe
from reports.published import Report

__all__ = ["spreadsheet_safe"]


def suppression_rule(report: Report) -> str:
    return gettext(
        "Counts from 1 to %(highest)s are shown as “fewer than %(threshold)s”. Where a total or "
        "another figure could reveal such a count, it is withheld or rounded. No single person "
        "can be identified from these figures."
    ) % {"highest": report.threshold - 1, "threshold": report.threshold}


def rounded_note() -> str:
    return gettext("Figures marked ≈ are rounded, so that no withheld figure can be worked out.")


def generated_at(report: Report) -> datetime.datetime:
    return timezone.localtime(report.computed_at or timezone.now())


def period_words(report: Report) -> str:
    period = report.period
    dates = "{} – {}".format(
        formats.date_format(period.start, "j E Y"), formats.date_format(period.end, "j E Y")
    )
    return f"{period.label} ({dates})" if period.label else dates


def file_name(report: Report, *, kind: str, extension: str) -> str:
    """e.g. "sanctuary-report-2026-09-01-to-2026-12-31-theatre-royal.xlsx": ASCII only."""
    parts = [f"sanctuary-{kind}", report.period.start.isoformat(), "to"]
    parts.append(report.period.end.isoformat())
    if report.venue_slug:
        parts.append(report.venue_slug)
    return "-".join(parts) + f".{extension}"


def is_rounded(report: Report) -> bool:
    return any(
        cell.rounded
        for section in report.sections
        for table in section.tables
        for row in (*table.rows, *((table.total,) if table.total else ()))
        for cell in row.cells
    ) or any(headline.cell.rounded for section in report.sections for headline in section.headlines)
