"""axe-core (WCAG 2.2 A and AA and axe's best practices) finds nothing on any public page in
any UI language on a 360 px phone, on the partner portal, nor on the volunteers' tablet pages
at 1024×768. One browser context per language, reused across its pages."""

import pytest

from sanctuary.demo import DEMO_PASSWORD
from tests.e2e.axe import axe_violations
from tests.e2e.conftest import PHONE
from tests.e2e.helpers import LANDSCAPE
from tests.e2e.pages import (
    PARTNER_WORKER,
    VOLUNTEER,
    portal_pages,
    public_pages,
    sign_in,
    tablet_pages,
)
from tests.languages import LANGUAGES

pytestmark = pytest.mark.axe


def violations_on(browser, site, pages, language, *, viewport, who=None) -> list[str]:
    """axe's findings on each page, opened one after another in one context."""
    context = browser.new_context(
        bypass_csp=True, viewport=viewport, has_touch=True, service_workers="block"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    if who:
        sign_in(page, site, who, DEMO_PASSWORD, language)
    found = []
    for each in pages:
        each.open(page, site, language)
        violations = axe_violations(page)
        if violations:
            found.append(f"{each.name} ({language}): {violations}")
    context.close()
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_has_an_axe_violation_on_a_phone(browser, live_server, site_data, language):
    found = violations_on(browser, live_server.url, public_pages(), language, viewport=PHONE)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_portal_page_has_an_axe_violation_on_a_phone(browser, live_server, site_data, language):
    found = violations_on(
        browser, live_server.url, portal_pages(), language, viewport=PHONE, who=PARTNER_WORKER
    )
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_tablet_page_has_an_axe_violation(browser, live_server, site_data, language):
    found = violations_on(
        browser, live_server.url, tablet_pages(), language, viewport=LANDSCAPE, who=VOLUNTEER
    )
    assert not found, "\n".join(found)
