"""A volunteer who signs in on the tablet in their own language is greeted in it, by the
notice allauth shows, not in English."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from sanctuary.demo import DEMO_PASSWORD
from sanctuary.models import User
from tests.e2e.helpers import LANDSCAPE


@pytest.mark.parametrize(("language", "direction"), [("ps", "rtl"), ("uk", "ltr")])
def test_the_signed_in_notice_is_in_the_language_of_the_page(
    live_server, browser, language, direction
):
    volunteer = User.objects.get(email="volunteer@example.org")
    with translation.override(language):
        notice = translation.gettext("Successfully signed in as %(name)s.") % {"name": volunteer}
    assert not notice.startswith("Successfully")
    context = browser.new_context(viewport=LANDSCAPE, has_touch=True, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.locator("input[name=login]").fill(volunteer.email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/{language}/team/attendance/")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator(".notices")).to_have_text(notice)
    context.close()
