"""Programme staff confirming a decision read the applicant's message beside the same template
in their own language: side by side from 1024 px, one above the other below that."""

import pytest
from playwright.sync_api import expect

from bursaries.models import Application
from tests.e2e.conftest import expect_boxes
from tests.e2e.test_bursaries import DEMO_PASSWORD

SIDE_BY_SIDE = "box.yours[0].top < box.theirs[0].bottom && box.yours[0].left != box.theirs[0].left"


@pytest.mark.parametrize(
    ("width", "layout"),
    [
        (
            1280,
            "box.yours[0].top < box.theirs[0].bottom && box.yours[0].left != box.theirs[0].left",
        ),
        (800, "box.yours[0].top >= box.theirs[0].bottom - 1"),
    ],
)
def test_the_two_languages_sit_side_by_side_on_a_wide_screen_only(
    live_server, browser, width, layout
):
    application = Application.objects.exclude(language="en").filter(status="in_review").first()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email address").fill("staff@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Hello")

    page.goto(f"{live_server.url}/en/admin/bursaries/application/{application.pk}/move/declined/")

    expect(page.locator(".decision-languages__staff h2")).to_have_text(
        "The same message in English"
    )
    expect(page.locator(".decision-languages__text")).to_have_attribute("lang", "en")
    expect_boxes(
        page,
        {"theirs": ".decision-languages--two > fieldset", "yours": ".decision-languages__staff"},
        layout,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
