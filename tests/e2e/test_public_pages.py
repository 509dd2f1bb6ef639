"""The public site in a real browser, on a phone, with JavaScript off."""

import pytest
from django.utils import translation
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from tests.e2e.conftest import expect_boxes


@pytest.mark.parametrize("language", ["ar", "ckb", "ur"])
def test_switching_to_a_right_to_left_language_turns_the_home_page_and_translates_it(
    live_server, phone_without_javascript, language
):
    page = phone_without_javascript
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.get_by_role("link", name=get_language_info(language)["name_local"]).click()

    expect(page).to_have_url(f"{live_server.url}/{language}/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    with translation.override(language):
        welcome = translation.gettext("Welcome. You are safe here.")
        venues_link = translation.gettext("Venues")
    expect(page.locator("h1")).to_have_text(welcome)
    # The page's blocks run from the right: the header's brand sits at its right edge.
    expect_boxes(
        page,
        {"brand": ".brand", "bar": ".site-header__bar"},
        "Math.abs(box.bar[0].right - box.brand[0].right) < 24",
    )

    # The choice is remembered on the next page.
    page.get_by_role("navigation").get_by_role("link", name=venues_link).click()
    expect(page).to_have_url(f"{live_server.url}/{language}/venues/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/{language}/")


def test_the_venue_pages_show_the_three_venues(live_server, phone_without_javascript):
    page = phone_without_javascript
    page.goto(f"{live_server.url}/en/venues/")
    for name, postcode in [
        ("Theatre Royal", "NR2 1RL"),
        ("Playhouse", "NR3 1AB"),
        ("Stage Two", "NR2 1RL"),
    ]:
        page.get_by_role("link", name=name, exact=True).click()
        expect(page.locator("h1")).to_have_text(name)
        expect(page.locator(".address")).to_contain_text(postcode)
        page.go_back()


def test_pashto_venue_pages_are_right_to_left_with_the_address_kept_left_to_right(
    live_server, phone_without_javascript
):
    page = phone_without_javascript
    page.goto(f"{live_server.url}/ps/venues/playhouse/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("پلې هاوس")
    expect(page.locator(".address bdi").first).to_have_text("42–58 St George's Street, Norwich")


def test_every_request_stays_on_this_site(live_server, phone_without_javascript):
    page = phone_without_javascript
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ["/en/", "/fa/", "/en/venues/theatre-royal/", "/en/accounts/login/"]:
        page.goto(f"{live_server.url}{path}")
    assert requested
    assert all(url.startswith(live_server.url) for url in requested), requested


def test_touch_targets_are_at_least_44_pixels(live_server, phone_without_javascript):
    page = phone_without_javascript
    page.goto(f"{live_server.url}/en/")
    expect_boxes(
        page,
        {"targets": ".language-form a, .site-nav a, .footer-links a"},
        "box.targets.length >= 8 && box.targets.every(target => target.height >= 44)",
    )


def test_a_volunteer_signs_in_on_a_phone(live_server, phone_without_javascript):
    page = phone_without_javascript
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Team sign-in").click()
    page.get_by_label("Email address").fill("volunteer@example.org")
    page.get_by_label("Password").fill("sanctuary-demo")
    page.get_by_role("button", name="Sign in").click()
    # A volunteer's work is the register: they land on today's drop-ins at their venues.
    expect(page).to_have_url(f"{live_server.url}/en/team/attendance/")
    expect(page.locator("h1")).to_have_text("Today's drop-ins")
    expect(page.locator(".register-session")).not_to_have_count(0)
