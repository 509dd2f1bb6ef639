"""An export's page: its progress while it is made (looking again by itself, no JavaScript
needed), the download once it is ready, and what to do when it failed; in the reader's
language."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import ReportExport
from tests.reports.conftest import ready

pytestmark = pytest.mark.django_db
REFRESH = '<meta http-equiv="refresh" content="2">'


def page_of(client, export, language="en"):
    url = reverse("report_exports:status", kwargs={"token": export.token})
    return client.get(url.replace("/en/", f"/{language}/")).content.decode()


def test_while_it_is_made_the_page_shows_its_progress_and_looks_again(client, staff, ask_for):
    export = ask_for()
    ReportExport.objects.filter(pk=export.pk).update(
        status=ReportExport.Status.RUNNING, progress=60, started_at=timezone.now()
    )
    client.force_login(staff)

    html = page_of(client, export)

    assert REFRESH in html
    assert '<progress id="export-progress" max="100" value="60">' in html
    assert "Your file is being made" in html
    assert "Download the file" not in html


def test_once_ready_the_page_offers_the_file_and_stops_looking(client, staff, ask_for):
    export = ready(ask_for())
    client.force_login(staff)

    html = page_of(client, export)

    assert REFRESH not in html
    download = reverse("report_exports:download", kwargs={"token": export.token})
    assert f'href="{download}"' in html
    assert "Only you can download it, until 17 November 2026." in html


def test_a_failed_export_says_to_ask_again_without_the_error(client, staff, ask_for):
    export = ask_for()
    ReportExport.objects.filter(pk=export.pk).update(
        status=ReportExport.Status.FAILED, error="OperationalError: secret detail"
    )
    client.force_login(staff)

    html = page_of(client, export)

    assert REFRESH not in html
    assert "The file could not be made" in html
    assert "secret detail" not in html


def test_the_page_is_in_the_readers_language_right_to_left(client, staff, ask_for):
    export = ready(ask_for())
    client.force_login(staff)

    html = page_of(client, export, "ar")

    assert 'dir="rtl"' in html
    assert "ملفك جاهز" in html
