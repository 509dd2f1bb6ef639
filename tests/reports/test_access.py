"""Who reaches each reports URL this app adds: programme staff; nobody else, signed in or not;
and an export's page and file only the person who asked for it."""

import pytest
from django.urls import reverse

from reports.models import ReportExport
from tests.reports.conftest import ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(ask_for):
    return ready(ask_for())


@pytest.fixture
def every_url(export):
    return [
        reverse("report_exports:request"),
        reverse("report_exports:status", kwargs={"token": export.token}),
        reverse("report_exports:download", kwargs={"token": export.token}),
        reverse("report_exports:evidence"),
        reverse("report_exports:evidence_edit"),
    ]


def test_every_url_sends_an_anonymous_visitor_to_sign_in(client, every_url):
    for url in every_url:
        for response in (client.get(url), client.post(url, {"format": "csv"})):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url


@pytest.mark.parametrize("role", ["volunteer", "reviewer", "partner worker"])
def test_every_url_is_forbidden_to_everyone_but_programme_staff(client, every_url, not_staff, role):
    client.force_login(not_staff[role])

    for url in every_url:
        assert client.get(url).status_code in {403, 405}, url
        response = client.post(url, {"format": "csv", "start": "2026-09-01", "end": "2026-09-30"})
        assert response.status_code in {403, 405}, url
        assert "attachment" not in response.get("Content-Disposition", ""), url
    assert ReportExport.objects.count() == 1


def test_another_member_of_staff_cannot_see_or_download_someone_elses_export(
    client, export, other_staff
):
    client.force_login(other_staff)

    for name in ("status", "download"):
        url = reverse(f"report_exports:{name}", kwargs={"token": export.token})
        assert client.get(url).status_code == 404


def test_the_person_who_asked_sees_the_page_and_downloads_the_file(client, export, staff):
    client.force_login(staff)

    page = client.get(reverse("report_exports:status", kwargs={"token": export.token}))
    download = client.get(reverse("report_exports:download", kwargs={"token": export.token}))

    assert page.status_code == 200
    assert "Your file is ready" in page.content.decode()
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="report.csv"'
    assert download.content == b"a,b\r\n"


def test_a_file_not_yet_made_is_not_downloaded_but_its_page_shown(client, ask_for, staff):
    export = ask_for()
    client.force_login(staff)

    response = client.get(reverse("report_exports:download", kwargs={"token": export.token}))

    assert response.status_code == 302
    assert response["Location"] == reverse("report_exports:status", kwargs={"token": export.token})


def test_staff_who_may_not_change_the_evidence_may_not_open_its_form(client, staff):
    from django.contrib.auth.models import Permission

    staff.user_permissions.clear()
    for group in staff.groups.all():
        group.permissions.remove(Permission.objects.get(codename="change_evidencestatement"))
    client.force_login(staff)

    response = client.get(reverse("report_exports:evidence_edit"))

    assert response.status_code == 403
