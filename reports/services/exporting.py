"""Report files: made at once for a small CSV, or by the worker with its progress shown.

An export asked for is a row, made in the request's transaction; its task is queued when that
commits (`sanctuary.queueing.enqueue`), and beat's sweep queues again whatever waits too long,
so nothing asked for is lost while the broker is away. A worker claims the row with one
conditional UPDATE, so two copies of the task never make it twice."""

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from reports import rules, selectors
from reports.evidence import evidence_report
from reports.exports import report_csv, report_xlsx
from reports.exports.words import file_name
from reports.models import ReportExport
from reports.published import Report
from sanctuary.codes import token_new
from sanctuary.models import User
from sanctuary.queueing import enqueue
from sanctuary.services.audit import audit_record

log = logging.getLogger(__name__)
Format = ReportExport.Format

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    name: str
    content_type: str


def export_file_make(*, report: Report, file_format: str) -> ExportFile:
    """The file for `report` in `file_format`, in the active language. The evidence pack's
    formats arrange the report under the award's criteria, with staff's words."""
    kind = "report"
    if file_format in rules.EVIDENCE_FORMATS:
        report = evidence_report(report, selectors.evidence_texts())
        kind = "award-evidence"
    extension = "xlsx" if file_format in {Format.XLSX, Format.EVIDENCE_XLSX} else "csv"
    content = report_xlsx(report) if extension == "xlsx" else report_csv(report)
    return ExportFile(
        content=content,
        name=file_name(report, kind=kind, extension=extension),
        content_type=CONTENT_TYPES[extension],
    )


def _detail(*, file_format, start, end, venue_slug) -> dict:
    return {
        "format": file_format,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "venue": venue_slug,
    }


def export_made_directly_record(
    *, actor: User, file_format: str, start: datetime.date, end: datetime.date, venue_slug: str
) -> None:
    """A file made at once is in the audit trail like one the worker makes."""
    audit_record(
        actor=actor,
        action="report.export",
        detail=_detail(file_format=file_format, start=start, end=end, venue_slug=venue_slug),
    )


@transaction.atomic
def export_request(
    *,
    actor: User,
    file_format: str,
    start: datetime.date,
    end: datetime.date,
    venue_slug: str,
    language: str,
    submission_key: uuid.UUID | None = None,
) -> ReportExport:
    """Ask the worker for a report file. The same form sent twice (its `submission_key`) is
    one export: the first one is returned."""
    if submission_key is not None:
        first = ReportExport.objects.filter(submission_key=submission_key).first()
        if first is not None and first.requested_by_id == actor.pk:
            return first
        if first is not None:
            submission_key = None  # someone else's key: not this form's
    export = ReportExport(
        token=token_new(),
        requested_by=actor,
        period_start=start,
        period_end=end,
        venue_slug=venue_slug,
        format=file_format,
        language=language,
        submission_key=submission_key,
    )
    export.full_clean()
    export.save()
    audit_record(
        actor=actor,
        action="report.export",
        obj=export,
        detail=_detail(file_format=file_format, start=start, end=end, venue_slug=venue_slug),
    )
    transaction.on_commit(lambda: _queue(export.pk))
    return export


def _queue(export_id: int) -> None:
    from reports.tasks import export_build as task

    enqueue(task, export_id)


def _claim(export_id: int) -> bool:
    now = timezone.now()
    claimed = (
        ReportExport.objects.filter(rules.claimable_q(now), pk=export_id)
        .filter(attempts__lt=rules.MAX_ATTEMPTS)
        .update(
            status=ReportExport.Status.RUNNING,
            started_at=now,
            progress=5,
            attempts=F("attempts") + 1,
        )
    )
    if not claimed:
        # One whose worker died at every try: failed, rather than stop worker after worker.
        ReportExport.objects.filter(rules.claimable_q(now), pk=export_id).update(
            status=ReportExport.Status.FAILED, finished_at=now, error="Too many tries."
        )
    return bool(claimed)


def _progress(export_id: int, progress: int) -> None:
    # Outside any transaction, so the status page sees it at once.
    ReportExport.objects.filter(pk=export_id, status=ReportExport.Status.RUNNING).update(
        progress=progress
    )


def export_build(*, export_id: int) -> ReportExport | None:
    """Make the file of an export (the worker's task). None if another worker has it, or it
    is finished; a failure is recorded on the row, for the person to ask again."""
    if not _claim(export_id):
        return None
    export = ReportExport.objects.defer("content").get(pk=export_id)
    try:
        with translation.override(export.language):
            report = selectors.report_for(
                start=export.period_start, end=export.period_end, venue_slug=export.venue_slug
            )
            _progress(export_id, 60)
            made = export_file_make(report=report, file_format=export.format)
            _progress(export_id, 90)
    except Exception as error:  # whatever went wrong, the person is told it failed
        log.exception("Report export %s could not be made", export_id)
        ReportExport.objects.filter(pk=export_id).update(
            status=ReportExport.Status.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:500],
        )
        return ReportExport.objects.defer("content").get(pk=export_id)
    ReportExport.objects.filter(pk=export_id, status=ReportExport.Status.RUNNING).update(
        status=ReportExport.Status.READY,
        progress=100,
        content=made.content,
        file_name=made.name,
        finished_at=timezone.now(),
    )
    return ReportExport.objects.defer("content").get(pk=export_id)


def exports_sweep() -> list[int]:
    """Queue again the exports that waited too long (beat, every minute)."""
    overdue = list(
        ReportExport.objects.filter(rules.overdue_q(timezone.now())).values_list("pk", flat=True)
    )
    for export_id in overdue:
        _queue(export_id)
    return overdue


def exports_forget() -> int:
    """Delete the exports older than REPORTS_EXPORT_KEEP_DAYS, files and all (nightly)."""
    deleted, _ = ReportExport.objects.filter(rules.expired_q(timezone.now())).delete()
    return deleted
