"""Every link and control on the public pages, the partner portal and the volunteers' tablet
pages is at least 44×44 CSS px, in a left-to-right language and in right-to-left ones (Arabic;
Central Kurdish and Urdu, whose scripts sit on taller lines).

What counts as a target: every visible link, button, select, summary and input, a checkbox or
radio button by the label that carries its tap (the box a thumb aims at), and a label wrapping
one. Links inside running text count too: they are padded to a 44 px tall box that overlaps
the lines around it without moving them (see "Targets" in site.css)."""

import pytest

from sanctuary.demo import DEMO_PASSWORD
from tests.e2e.conftest import PHONE, expect_boxes
from tests.e2e.helpers import LANDSCAPE
from tests.e2e.pages import (
    PARTNER_WORKER,
    VOLUNTEER,
    portal_pages,
    public_pages,
    sign_in,
    tablet_pages,
)

pytestmark = pytest.mark.browser

# A checkbox or radio button is measured by its label, which takes its tap: the label that
# wraps it, or the one beside it in a checkbox field.
TARGET_SELECTOR = (
    "a[href], button, select, summary, "
    "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), "
    "label:has(input[type=radio]), label:has(input[type=checkbox]), .field--checkbox label"
)
# A box that is drawn (not display:none or visibility:hidden) and is not the skip link's
# resting place above the top of the page.
SHOWN = "(b => b.width > 0 && b.height > 0 && b.bottom > 0)"
SMALL = f"box.targets.filter({SHOWN}).filter(b => b.width < 44 || b.height < 44)"

OFFENDERS = """selector => [...document.querySelectorAll(selector)].flatMap(element => {
    const box = element.getBoundingClientRect();
    const shown = box.width > 0 && box.height > 0 && box.bottom > 0
        && getComputedStyle(element).visibility !== "hidden";
    if (!shown || (box.width >= 44 && box.height >= 44)) return [];
    const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + (element.className && typeof element.className === "string"
           ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    const text = (element.innerText || element.value || element.name || "").trim().slice(0, 40);
    return [`${name} "${text}" ${Math.round(box.width)}x${Math.round(box.height)}`];
})"""


def expect_targets_at_least_44(page, where: str) -> None:
    try:
        expect_boxes(page, {"targets": TARGET_SELECTOR}, f"{SMALL}.length === 0", timeout=2_000)
    except AssertionError:
        small = page.evaluate(OFFENDERS, TARGET_SELECTOR)
        raise AssertionError(f"targets under 44x44 on {where}: {small}") from None


@pytest.fixture
def public(site_data):
    return public_pages()


def small_targets_on(browser, site, pages, language, *, viewport, who=None) -> list[str]:
    """Opens each page in one context (signed in as `who` if given) and lists what is small."""
    context = browser.new_context(viewport=viewport, has_touch=True, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(10_000)
    if who:
        sign_in(page, site, who, DEMO_PASSWORD, language)
    small = []
    for each in pages:
        each.open(page, site, language)
        try:
            expect_targets_at_least_44(page, f"{each.name} ({language})")
        except AssertionError as error:
            small.append(str(error))
    context.close()
    return small


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ur"])
def test_every_target_on_the_public_pages_is_44_pixels(browser, live_server, public, language):
    small = small_targets_on(browser, live_server.url, public, language, viewport=PHONE)
    assert not small, "\n".join(small)


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ur"])
def test_every_target_on_the_portal_is_44_pixels(browser, live_server, site_data, language):
    small = small_targets_on(
        browser, live_server.url, portal_pages(), language, viewport=PHONE, who=PARTNER_WORKER
    )
    assert not small, "\n".join(small)


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ur"])
def test_every_target_on_the_tablet_pages_is_44_pixels(browser, live_server, site_data, language):
    small = small_targets_on(
        browser, live_server.url, tablet_pages(), language, viewport=LANDSCAPE, who=VOLUNTEER
    )
    assert not small, "\n".join(small)
