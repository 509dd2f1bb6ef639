"""Asking for a file from the dashboard's buttons: a quarter's CSV at once, the rest through
the worker (in-process here, as with `make run`), one export per form however often it is
sent, and bad input refused in words, with nothing made."""

import csv
import io
import uuid

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import ReportExport
from sanctuary.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = reverse("report_exports:request")


def form(**changes) -> dict:
    data = {
        "format": "xlsx",
        "start": "2026-09-01",
        "end": "2026-11-09",
        "venue": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(changes)
    return data


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff)
    return client


# These make a real report (reports.figures.build_report).


def test_a_spreadsheet_is_made_by_the_worker_and_downloaded_from_its_page(
    signed_in, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(URL, form())

    export = ReportExport.objects.get()
    assert response["Location"] == reverse("report_exports:status", kwargs={"token": export.token})
    page = signed_in.get(response["Location"]).content.decode()
    assert "Your file is ready" in page
    download = signed_in.get(reverse("report_exports:download", kwargs={"token": export.token}))
    book = load_workbook(io.BytesIO(download.content))
    assert book.sheetnames[0] == "About"
    assert download["Content-Disposition"] == (
        'attachment; filename="sanctuary-report-2026-09-01-to-2026-11-30.xlsx"'  # whole months
    )
    assert (export.status, export.progress) == ("ready", 100)


def test_the_same_form_sent_twice_is_one_export(signed_in, django_capture_on_commit_callbacks):
    data = form()
    with django_capture_on_commit_callbacks(execute=True):
        first = signed_in.post(URL, data)
        second = signed_in.post(URL, data)

    assert first["Location"] == second["Location"]
    assert ReportExport.objects.count() == 1
    assert AuditEvent.objects.filter(action="report.export").count() == 1


def test_a_quarters_csv_is_answered_at_once_and_recorded(signed_in, staff):
    response = signed_in.post(URL, form(format="csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["From", "2026-09-01"] in rows
    assert not ReportExport.objects.exists()
    event = AuditEvent.objects.get(action="report.export")
    assert (event.actor, event.detail["format"]) == (staff, "csv")


def test_a_years_csv_goes_to_the_worker(signed_in, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(URL, form(format="csv", start="2025-11-10"))

    assert response.status_code == 302
    assert ReportExport.objects.get().status == ReportExport.Status.READY


# Bad input: no report needed.


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"start": "2026-13-01"}, "Enter a date such as 2026-09-01."),
        ({"end": "yesterday"}, "Enter a date such as 2026-12-31."),
        ({"start": "2026-11-09", "end": "2026-09-01"}, "must not be before the start date"),
        ({"start": "2016-01-01"}, "A report covers at most five years."),
        ({"venue": "nowhere"}, "Choose a venue from the list."),
        ({"format": "pdf"}, "Choose what to download."),
        ({"format": ""}, "This field is required."),
        ({"submission_key": "not-a-key"}, "Enter a valid UUID."),
        ({"start": "\x00", "end": "9" * 5000}, "Enter a date such as 2026-09-01."),
    ],
)
def test_bad_input_is_refused_in_words_and_nothing_is_made(signed_in, changes, words):
    response = signed_in.post(URL, form(**changes))

    assert response.status_code == 400
    assert words in response.content.decode()
    assert not ReportExport.objects.exists()
    assert not AuditEvent.objects.filter(action="report.export").exists()


def test_bad_input_is_refused_in_the_readers_language(signed_in):
    response = signed_in.post(
        reverse("report_exports:request").replace("/en/", "/uk/"), form(format="pdf")
    )

    assert response.status_code == 400
    assert "Choose what to download." not in response.content.decode()


def test_a_form_without_its_csrf_token_is_refused(client, staff):
    client = client.__class__(enforce_csrf_checks=True)
    client.force_login(staff)

    response = client.post(URL, form())

    assert response.status_code == 403
    assert not ReportExport.objects.exists()


def test_an_unknown_or_malformed_token_is_not_found(signed_in):
    for token in ["x" * 43, "short"]:
        response = signed_in.get(f"/en/reports/exports/{token}/")
        assert response.status_code == 404
