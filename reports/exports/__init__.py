"""A report as files: CSV and a spreadsheet, written only from a published `Report` (whose
figures are already made safe to show), never from counts."""

from reports.exports.csv_file import report_csv
from reports.exports.xlsx_file import report_xlsx

__all__ = ["report_csv", "report_xlsx"]
