"""Who reaches the reports: programme staff; everyone else is refused on the server."""

import pytest
from django.urls import reverse

from partners.models import PartnerOrganisation, PartnerWorker
from sanctuary.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db
URLS = [
    "/en/reports/",
    "/ar/reports/?period=quarter",
    "/en/reports/?period=custom&start=2026-10-01&end=2026-10-31",
]


def _partner_worker():
    user = factories.user_with_role(Role.PARTNER_WORKERS)
    PartnerWorker.objects.create(
        user=user, organisation=PartnerOrganisation.objects.create(name="New Routes")
    )
    return user


@pytest.mark.parametrize("url", URLS)
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", [Role.VOLUNTEERS, Role.BURSARY_REVIEWERS, "partner worker"])
def test_everyone_but_programme_staff_is_refused(client, url, role):
    user = _partner_worker() if role == "partner worker" else factories.user_with_role(role)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 403
    assert b"data-headline" not in response.content


@pytest.mark.parametrize("url", URLS)
def test_programme_staff_see_the_reports(client, programme_staff, url):
    client.force_login(programme_staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b'data-headline="people"' in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_reports_refuse_to_be_posted_to(client, programme_staff):
    client.force_login(programme_staff)
    assert client.post("/en/reports/").status_code == 405


def test_the_admin_index_and_team_page_link_to_the_reports_for_staff_only(
    client, programme_staff, reviewer
):
    client.force_login(programme_staff)
    assert b'href="/en/reports/"' in client.get("/en/admin/").content
    assert b'href="/en/reports/"' in client.get("/en/team/").content
    client.force_login(reviewer)
    assert b'href="/en/reports/"' not in client.get("/en/admin/").content
    assert b'href="/en/reports/"' not in client.get("/en/team/").content
