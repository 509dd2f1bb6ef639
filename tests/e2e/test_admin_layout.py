"""The admin at laptop sizes: the buttons above an application never cover its reference, and a
reviewer's scoring form lays its answers out side by side as large targets."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from bursaries.models import Application
from tests.e2e.admin_pages import reviewer_opens, team_member_signed_in
from tests.e2e.conftest import expect_boxes

pytestmark = [pytest.mark.postgres]

LAPTOPS = [{"width": 1024, "height": 768}, {"width": 1280, "height": 800}]

# No box of the one list meets a box of the other.
APART = (
    "box.tools.every(a => box.reference.every(b =>"
    " a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top))"
)


@pytest.mark.parametrize("viewport", LAPTOPS, ids=lambda size: f"{size['width']}px")
def test_the_buttons_above_an_application_never_cover_its_reference(live_server, browser, viewport):
    page = team_member_signed_in(browser, live_server, "staff@example.org", viewport=viewport)
    application = Application.objects.filter(status=Application.Status.IN_REVIEW)[0]

    page.goto(
        live_server.url + reverse("admin:bursaries_application_change", args=[application.pk])
    )

    reference = page.locator("#content > h2")
    expect(reference).to_contain_text(application.reference)
    expect_boxes(
        page,
        {"tools": ".object-tools li", "reference": "#content > h2"},
        f"box.tools.length >= 4 && {APART}",
    )


@pytest.mark.parametrize("viewport", LAPTOPS, ids=lambda size: f"{size['width']}px")
def test_the_scoring_form_lays_each_criterions_answers_out_as_large_targets(
    live_server, browser, viewport
):
    page = team_member_signed_in(browser, live_server, "reviewer@example.org", viewport=viewport)
    page.goto(live_server.url + reviewer_opens(page, live_server)["review form"])

    need = page.get_by_role("group", name="Need: how much do they need this help to take part?")
    expect(need.get_by_role("radio")).to_have_count(5)
    expect_boxes(
        page,
        {
            "labels": "fieldset.choices label",
            "radios": "fieldset.choices input[type=radio]",
            "need": "#id_need label",
        },
        "box.labels.length === 18 && box.radios.length === 18"
        " && box.radios.every(r => r.width >= 24 && r.height >= 24)"
        " && box.labels.every(l => l.height >= 44 && l.width >= 150)"
        # side by side: the first two answers share a line
        " && Math.abs(box.need[0].top - box.need[1].top) < 1",
    )
    # The whole label is the target: a click on its text chooses the answer.
    need.get_by_text("3 · Would find it hard to take part without help").click()
    expect(
        need.get_by_role("radio", name="3 · Would find it hard to take part without help")
    ).to_be_checked()
