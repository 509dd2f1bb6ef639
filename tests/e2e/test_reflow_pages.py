"""Reflow (WCAG 1.4.10): at 320 CSS px wide (400 % zoom) no page makes anyone scroll sideways,
in every language: the public pages, the private-link pages and the partner workers' portal.
The register's pages are in test_reflow_register."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from bursaries.models import Application, Fund
from dropins.models import Booking, DropInSession
from events.models import GuestTicket, NetworkBooking, NetworkEvent
from events.services.claims import claim_link_path
from portal.demo import DEMO_ACCOUNTS
from sanctuary.demo import DEMO_PASSWORD
from tests.e2e.reflow import ZOOM_400, sideways_scroll
from tests.e2e.test_dropin_booking import fill_booking_form
from tests.events.tickets_setup import make_link, make_night

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Links of the portal that change something or leave it.
NOT_VISITED = re.compile(r"/(cancel|withdraw|logout)/|/accounts/")


def _public_paths() -> list[str]:
    """Every kind of public page, its private-link pages included, from the demo's rows."""
    session = DropInSession.objects.filter(
        starts_at__gt=timezone.now(), series__title_en="Welcome drop-in"
    ).order_by("starts_at")[0]
    fund = Fund.objects.order_by("pk")[0]
    application = Application.objects.order_by("pk")[0]
    event = NetworkEvent.objects.order_by("pk")[0]
    _link, claim_token = make_link(make_night())
    return [
        "",
        "venues/",
        "venues/theatre-royal/",
        "drop-in/",
        f"drop-in/sessions/{session.pk}/",
        Booking.objects.order_by("pk")[0].manage_path(),
        "bursaries/",
        f"bursaries/{fund.slug}/",
        f"bursaries/{fund.slug}/apply/",
        f"bursaries/application/{application.status_token}/",
        f"bursaries/application/{application.status_token}/sent/",
        "partners/",
        "events/",
        f"events/{event.slug}/",
        f"events/{event.slug}/{event.dates.order_by('pk')[0].pk}/",
        NetworkBooking.objects.order_by("pk")[0].manage_path(),
        GuestTicket.objects.order_by("pk")[0].ticket_path(),
        claim_link_path(claim_token),
        "events/mailing-list/",
        "events/mailing-list/check-your-email/",
        "privacy/",
        "translations/",
        "accounts/login/",
        "accounts/password/reset/",
    ]


def _in(language: str, path: str) -> str:
    """The path in `language`: the paths above come with or without a language prefix."""
    path = re.sub(r"^/[a-z]{2,3}/", "", path)
    return f"/{language}/{path}"


@pytest.fixture
def narrow(browser):
    context = browser.new_context(viewport=ZOOM_400, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_scrolls_sideways_at_400_percent(live_server, narrow, language):
    page = narrow
    failures = []
    for path in _public_paths():
        page.goto(live_server.url + _in(language, path))
        expect(page.locator("h1")).to_be_visible()
        failures.append(sideways_scroll(page, _in(language, path)))

    # The confirmation pages, reached as people reach them: by booking.
    page.goto(live_server.url + _in(language, _public_paths()[4]))
    fill_booking_form(page, first_name="Amina")
    expect(page).to_have_url(f"{live_server.url}/{language}/drop-in/booked/")
    failures.append(sideways_scroll(page, "drop-in/booked/"))
    event = NetworkEvent.objects.order_by("pk")[0]
    page.goto(f"{live_server.url}/{language}/events/{event.slug}/{event.dates.first().pk}/")
    page.locator("[name=name]").fill("Grace Okafor")
    page.locator("[name=email]").fill(f"grace-{language}@example.org")
    page.locator("form.form button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/{language}/events/booked/")
    failures.append(sideways_scroll(page, "events/booked/"))

    assert [failure for failure in failures if failure] == []


@pytest.mark.parametrize("language", ["en", "fa"])
def test_no_portal_page_scrolls_sideways_at_400_percent(live_server, narrow, language):
    """Every page a partner worker reaches by following the portal's links."""
    page = narrow
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(DEMO_ACCOUNTS[0][0])
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en/portal/")

    to_visit, seen, failures = [f"/{language}/portal/"], set(), []
    while to_visit:
        path = to_visit.pop(0)
        if path in seen:
            continue
        seen.add(path)
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        failures.append(sideways_scroll(page, path))
        for href in page.locator("main a[href]").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        ):
            href = urlsplit(href).path
            if href.startswith(f"/{language}/portal/") and not NOT_VISITED.search(href):
                to_visit.append(href)

    assert len(seen) >= 10, seen
    assert [failure for failure in failures if failure] == []
