"""Exports with a real Celery worker (in a thread) on the real Redis broker: the file is made,
its progress reaches 100, and an export whose task was lost is made after beat's sweep.

These make a real report (reports.figures.build_report)."""

import io

import pytest
from django.db import transaction
from openpyxl import load_workbook

from reports import rules, services
from reports.models import ReportExport
from reports.tasks import exports_sweep
from sanctuary.codes import token_new
from tests.conftest import wait_for_the_worker
from tests.reports.conftest import TERM_END, TERM_START

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def wait_until_finished(export: ReportExport) -> ReportExport:
    def finished():
        export.refresh_from_db()
        return rules.is_finished(export)

    wait_for_the_worker(finished, seconds=60, what="export finished")
    return export


def test_a_real_worker_makes_the_spreadsheet_and_its_progress_reaches_100(worker, staff):
    with transaction.atomic():
        export = services.export_request(
            actor=staff,
            file_format=ReportExport.Format.XLSX,
            start=TERM_START,
            end=TERM_END,
            venue_slug="",
            language="ar",
        )
    assert (export.status, export.progress) == (ReportExport.Status.QUEUED, 0)

    wait_until_finished(export)

    assert (export.status, export.progress, export.attempts) == ("ready", 100, 1)
    assert export.started_at <= export.finished_at
    book = load_workbook(io.BytesIO(bytes(export.content)))
    assert book.worksheets[0].sheet_view.rightToLeft  # made in the asker's language
    assert export.file_name == "sanctuary-report-2026-09-01-to-2026-11-09.xlsx"


def test_an_export_whose_task_was_lost_is_made_after_the_sweep(worker, staff, clock):
    export = ReportExport.objects.create(
        token=token_new(),
        requested_by=staff,
        period_start=TERM_START,
        period_end=TERM_END,
        format=ReportExport.Format.EVIDENCE_CSV,
        language="en",
    )
    clock.shift(rules.QUEUED_GRACE * 2)

    exports_sweep.delay()
    wait_until_finished(export)

    assert (export.status, export.progress) == ("ready", 100)
    assert (
        bytes(export.content).decode("utf-8-sig").startswith("Theatre of Sanctuary award evidence")
    )
