"""The reads of the reports app: the published report for a period, the award evidence's
words, and the exports a person asked for."""

import datetime

from reports.models import EvidenceStatement, ReportExport
from reports.published import Period, Report


def report_for(*, start: datetime.date, end: datetime.date, venue_slug: str = "") -> Report:
    """The published (already suppressed) report for these dates and venue ("" for all)."""
    from reports.figures import build_report

    return build_report(period=Period(start=start, end=end), venue_slug=venue_slug)


def evidence_statements() -> dict[str, EvidenceStatement]:
    """Staff's words for each criterion, in the award's order; an unsaved, empty one where
    nothing has been written yet."""
    kept = {statement.criterion: statement for statement in EvidenceStatement.objects.all()}
    return {
        criterion.value: kept.get(criterion.value) or EvidenceStatement(criterion=criterion)
        for criterion in EvidenceStatement.Criterion
    }


def evidence_texts() -> dict[str, str]:
    return {key: statement.text for key, statement in evidence_statements().items()}


def export_of(*, token: str) -> ReportExport | None:
    return ReportExport.objects.filter(token=token).defer("content").first()


def export_with_file(*, pk: int) -> ReportExport:
    return ReportExport.objects.get(pk=pk)
