"""{% export_buttons report %}: the download buttons for a report's period and venue (the
dashboard's spreadsheet and CSV, and a link to the award evidence pack);
{% export_buttons pack evidence=True %}: the evidence pack's own."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from bursaries.money import pounds
from reports.cell_words import withheld_words
from reports.export_views import evidence_query
from reports.exports import words
from reports.forms import new_submission_key
from reports.models import ReportExport
from reports.published import Unit

register = template.Library()
Format = ReportExport.Format


@register.inclusion_tag("reports/_export_buttons.html", takes_context=True)
def export_buttons(context, report, evidence=False):
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "report": report,
        "evidence": evidence,
        "spreadsheet_format": Format.EVIDENCE_XLSX if evidence else Format.XLSX,
        "csv_format": Format.EVIDENCE_CSV if evidence else Format.CSV,
        # New with every page: the same form sent twice is one export.
        "submission_key": new_submission_key(),
        "evidence_url": "" if evidence else evidence_query(report),
    }


@register.simple_tag
def figure(report, cell, unit):
    """A published figure on a page: its words when withheld, else the number written the
    British way as money is (bursaries.money), kept left to right, marked ≈ when rounded."""
    text = withheld_words(cell, unit)
    if text is not None:
        return format_html('<span class="figure figure--withheld">{}</span>', text)
    if unit == Unit.POUNDS:
        shown = pounds(cell.value)
    elif isinstance(cell.value, Decimal):
        shown = f"{cell.value:,.1f}"
    else:
        shown = f"{cell.value:,}"
    return format_html(
        '<bdi class="figure" dir="ltr">{}{}</bdi>', "≈ " if cell.rounded else "", shown
    )


@register.simple_tag
def suppression_rule(report):
    return words.suppression_rule(report)
