"""How a published figure that is not shown reads: one wording for the dashboard, its charts'
descriptions, the CSV and spreadsheet files and the evidence pack."""

from django.utils.translation import gettext as _

from reports.published import Cell, Unit


def withheld_words(cell: Cell, unit: Unit) -> str | None:
    """The words in place of a figure that is not shown, or None when it is shown: a small count
    is "fewer than 5"; money from 1 to 4 awards says so (not "under £5"); a figure withheld only
    to protect a small one beside it (itself 5 or more) is "withheld"; nothing to count is "–"."""
    if cell.suppressed:
        if cell.secondary:
            return _("withheld")
        return _("withheld (fewer than 5 awards)") if unit is Unit.POUNDS else _("fewer than 5")
    if cell.value is None:
        return "–"
    return None
