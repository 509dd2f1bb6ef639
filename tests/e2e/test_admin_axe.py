"""axe-core on the admin pages staff spend their day on, at 1024×768, for programme staff and
for a bursary reviewer, each signed in for real with two-step sign-in: no violations."""

import pytest

from bursaries.models import Application
from tests.e2e.admin_pages import (
    action_page,
    reviewer_opens,
    reviewer_pages,
    staff_pages,
    team_member_signed_in,
)
from tests.e2e.axe import axe_violations

pytestmark = [pytest.mark.axe, pytest.mark.postgres]


def violations_on(page, live_server, pages: dict[str, str]) -> dict[str, list]:
    found = {}
    for name, url in pages.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, f"{name}: {url} answered {response.status}"
        found[name] = axe_violations(page)
    return found


def unmet(found: dict[str, list]) -> str:
    """Each page's violations, one a line, with the elements axe names."""
    return "\n".join(
        f"{name}: {violation['id']} {violation['targets']}"
        for name, violations in found.items()
        for violation in violations
    )


def test_programme_staffs_admin_pages_have_no_axe_violations(live_server, browser):
    page = team_member_signed_in(browser, live_server, "staff@example.org")

    found = violations_on(page, live_server, staff_pages())
    in_review = Application.objects.filter(status=Application.Status.IN_REVIEW)
    action_page(page, live_server, "approve_selected", [in_review[0].reference])
    found["bulk decision confirm"] = axe_violations(page)
    decided = Application.objects.filter(status=Application.Status.DECLINED)
    action_page(page, live_server, "anonymise_selected", [decided[0].reference])
    found["anonymise confirm"] = axe_violations(page)

    assert unmet(found) == ""
    assert len(found) == len(staff_pages()) + 2


def test_a_reviewers_admin_pages_have_no_axe_violations(live_server, browser):
    page = team_member_signed_in(browser, live_server, "reviewer@example.org")

    found = violations_on(page, live_server, reviewer_pages())
    found |= violations_on(page, live_server, reviewer_opens(page, live_server))

    assert unmet(found) == ""
    assert len(found) == 6
