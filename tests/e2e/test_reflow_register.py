"""The register and the performance door at 400 % and 200 % zoom (WCAG 1.4.10): the figures
that follow the page take at most a third of the window, every name, check-in, change and
undo button can be scrolled to and is wholly on screen, nothing scrolls sideways, and axe finds
nothing, as on a tablet at 100 %."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.attendance.door_helpers import make_performance, ticket
from tests.e2e.axe import assert_no_violations
from tests.e2e.conftest import expect_boxes
from tests.e2e.helpers import A_FEW_SECONDS, IS_IN, IS_PENDING, LANDSCAPE
from tests.e2e.reflow import ZOOM_200_TABLET, ZOOM_400, fully_on_screen, sideways_scroll
from tests.factories import PASSWORD

# The register's writes lock a row and the live server answers from other threads.
pytestmark = [pytest.mark.postgres, pytest.mark.axe]

VIEWPORTS = {"tablet": LANDSCAPE, "zoom-400": ZOOM_400, "zoom-200": ZOOM_200_TABLET}
SHORT = {"zoom-400", "zoom-200"}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def night(door):
    """A performance at the same venue tonight, with three named parties."""
    performance = make_performance(title="Orchestra night", venue=door.series.venue)
    ticket(performance, partner="The Bridge Plus+", first_name="Bashir", guests=2, hosts=0)
    ticket(performance, partner="New Routes", first_name="Oksana", guests=1, hosts=1)
    ticket(performance, partner="Dereham Ukraine Aid Centre", first_name="Olena")
    return performance


@pytest.fixture
def zoomed(browser, live_server):
    """A volunteer's tablet at the given window size, signed in, able to run axe."""
    contexts = []

    def open_at(volunteer, viewport):
        context = browser.new_context(
            viewport=viewport, has_touch=True, service_workers="block", bypass_csp=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/en/accounts/login/")
        page.get_by_label("Email address", exact=True).fill(volunteer.email)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page).to_have_url(f"{live_server.url}/en/team/attendance/")
        return page

    yield open_at
    for context in contexts:
        context.close()


def _the_header_keeps_to_a_third(page, size):
    if size in SHORT:
        expect_boxes(
            page, {"head": ".register-head"}, "box.head[0].height <= window.innerHeight / 3"
        )


def _first_row_is_usable_by_scrolling(page):
    """Check the first party in, change its numbers and undo, each control scrolled to."""
    first = page.locator("#register-bookings .register-row").first
    row_id = first.get_attribute("id")
    name = first.locator(".register-row__name")
    name.scroll_into_view_if_needed()
    expect(name).to_be_in_viewport()
    fully_on_screen(page, f"#{row_id} .register-row__name")

    check_in = first.locator(".register-check-in")
    check_in.scroll_into_view_if_needed()
    expect(check_in).to_be_in_viewport()
    fully_on_screen(page, f"#{row_id} .register-check-in")
    check_in.tap()
    expect(first).to_have_class(IS_IN)
    expect(first).not_to_have_class(IS_PENDING, timeout=A_FEW_SECONDS)

    change = first.locator(".register-adjust summary")
    change.scroll_into_view_if_needed()
    fully_on_screen(page, f"#{row_id} .register-adjust summary")
    change.tap()
    save = first.get_by_role("button", name="Save numbers")
    save.scroll_into_view_if_needed()
    expect(save).to_be_in_viewport()
    fully_on_screen(page, f"#{row_id} .register-adjust button")

    undo = first.get_by_role("button", name="Undo check-in")
    undo.scroll_into_view_if_needed()
    expect(undo).to_be_in_viewport()
    fully_on_screen(page, f"#{row_id} .register-undo")
    undo.tap()
    expect(first).not_to_have_class(IS_IN)
    expect(first.locator(".register-check-in")).to_be_visible()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_the_drop_in_register_reflows_and_stays_usable(
    live_server, zoomed, door, families, priya, size
):
    page = zoomed(priya, VIEWPORTS[size])
    page.goto(f"{live_server.url}/en/team/attendance/sessions/{door.pk}/")
    expect(page.locator("#register-bookings .register-row")).to_have_count(len(families))
    assert_no_violations(page)
    _the_header_keeps_to_a_third(page, size)
    assert sideways_scroll(page, page.url) is None

    _first_row_is_usable_by_scrolling(page)
    walk_in = page.get_by_role("button", name="Add walk-in")
    walk_in.scroll_into_view_if_needed()
    expect(walk_in).to_be_in_viewport()
    fully_on_screen(page, "button[name=walk_in]")
    assert sideways_scroll(page, page.url) is None


@pytest.mark.parametrize("size", VIEWPORTS)
def test_the_performance_door_reflows_and_stays_usable(live_server, zoomed, night, priya, size):
    page = zoomed(priya, VIEWPORTS[size])
    page.goto(f"{live_server.url}/en/team/attendance/performances/{night.pk}/")
    expect(page.locator("#register-bookings .register-row")).to_have_count(3)
    assert_no_violations(page)
    _the_header_keeps_to_a_third(page, size)
    assert sideways_scroll(page, page.url) is None

    _first_row_is_usable_by_scrolling(page)
    walk_up = page.get_by_role("button", name="Add walk-up")
    walk_up.scroll_into_view_if_needed()
    fully_on_screen(page, "button[name=walk_in]")
    assert sideways_scroll(page, page.url) is None


@pytest.mark.parametrize("language", ["en", "ar", "ckb", "ur"])
def test_no_register_page_scrolls_sideways_or_fails_axe_at_400_percent(
    live_server, zoomed, door, families, night, priya, language
):
    page = zoomed(priya, ZOOM_400)
    paths = [
        "team/",
        "team/attendance/",
        f"team/attendance/sessions/{door.pk}/",
        f"team/attendance/sessions/{door.pk}/close/",
        f"team/attendance/performances/{night.pk}/",
        f"team/attendance/performances/{night.pk}/figures/",
    ]
    failures = []
    for path in paths:
        page.goto(f"{live_server.url}/{language}/{path}")
        expect(page.locator("h1")).to_be_visible()
        failures.append(sideways_scroll(page, path))
        assert_no_violations(page)
    assert [failure for failure in failures if failure] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_in_every_language_what_follows_the_page_keeps_to_a_third_of_a_short_screen(
    live_server, zoomed, door, families, night, priya, language
):
    """Longer words make the figures taller: where they still follow the page they take at
    most a third of it, and on the shortest screen they scroll away with it."""
    page = zoomed(priya, ZOOM_200_TABLET)
    for path in [f"sessions/{door.pk}/", f"performances/{night.pk}/"]:
        for viewport in (ZOOM_200_TABLET, ZOOM_400):
            page.set_viewport_size(viewport)
            page.goto(f"{live_server.url}/{language}/team/attendance/{path}")
            head = page.locator(".register-head")
            sticky = viewport is ZOOM_200_TABLET
            expect(head).to_have_css("position", "sticky" if sticky else "static")
            if sticky:
                _the_header_keeps_to_a_third(page, "zoom-200")
            assert sideways_scroll(page, page.url) is None


@pytest.mark.parametrize("size", ["tablet", "zoom-200"])
def test_a_button_reached_backwards_by_keyboard_is_never_hidden_under_the_figures(
    live_server, zoomed, door, families, priya, size
):
    """Going back up the list with Shift+Tab, each focused button lands below the figures that
    follow the page (WCAG 2.4.11), down to the first party's."""
    page = zoomed(priya, VIEWPORTS[size])
    page.goto(f"{live_server.url}/en/team/attendance/sessions/{door.pk}/")
    first = page.locator("#register-bookings .register-row").first.locator(".register-check-in")
    page.locator("button[name=walk_in]").focus()
    for _ in range(3 * len(families)):
        page.keyboard.press("Shift+Tab")
        fully_on_screen(page, ":focus")
        if first.evaluate("button => button === document.activeElement"):
            break
    expect(first).to_be_focused()
