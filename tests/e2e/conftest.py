"""Playwright for Python driving Debian's Chromium (never a downloaded browser)."""

import os
from datetime import UTC, datetime

import pytest
from django.db import connections
from django.utils import timezone
from playwright.sync_api import expect, sync_playwright

from tests.conftest import CHROMIUM
from tests.dropins.conftest import book, make_series, starting_soon_today
from tests.e2e.helpers import LANDSCAPE, volunteer_at
from tests.factories import PASSWORD, VenueFactory

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # Under `--dist loadgroup` the browser tests go to one worker, one after another,
            # so that worker starts Chromium once (see Chromium below).
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session", autouse=True)
def _database_outlives_the_live_server(django_db_setup):
    """Set the test database up before live_server, so that it is torn down after the server
    (and its threads' connections) have stopped."""


@pytest.fixture
def site_data(transactional_db, demo):
    """The demo venues, accounts, drop-ins and bursaries, as `make run` loads them."""
    demo()


class BrowserOnTheSuiteClock:
    """Chromium whose every new context reads the suite's clock: its Date starts at the
    server's (travelled) time and flows on, timers running as usual, so a tablet's tap times
    agree with the server's."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.clock.set_system_time(datetime.now(UTC))
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


class Chromium:
    """One Playwright and one Chromium for a run of browser tests on this worker, rather than
    one per test (starting them costs about two seconds). Each test has its own contexts.

    Playwright's sync API runs an event loop in this thread while it is open, and Django keeps
    the connections opened meanwhile apart from those opened before; so they are closed before
    Playwright stops, and it stops as soon as a test that is not a browser test comes next."""

    def __init__(self):
        self._playwright = None
        self.browser = None

    def start(self):
        if self.browser is None:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self._playwright = sync_playwright().start()
            self.browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        return self.browser

    def stop(self):
        if self.browser is None:
            return
        connections.close_all()
        try:
            self.browser.close()
            self._playwright.stop()
        finally:
            self.browser = self._playwright = None
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


CHROMIUM_PROCESS = Chromium()


@pytest.fixture(scope="session")
def _chromium(_database_outlives_the_live_server):
    """Stops Chromium at the end, before the test database is dropped."""
    yield CHROMIUM_PROCESS
    CHROMIUM_PROCESS.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    if nextitem is None or "/e2e/" not in str(nextitem.path):
        CHROMIUM_PROCESS.stop()


@pytest.fixture
def browser(live_server, site_data, _chromium):
    """Chromium, its clock at the suite's, once the test's data is in place."""
    return BrowserOnTheSuiteClock(_chromium.start())


@pytest.fixture(autouse=True)
def _close_connections_opened_beside_the_browser(request):
    """A test that reads or writes the database while Chromium is open opens its connections
    in Playwright's context: close them there once it is done."""
    if "browser" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("browser")
    yield
    connections.close_all()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def expect_boxes(page, selectors: dict[str, str], condition: str, *, timeout: float = 10_000):
    """Wait until `condition` holds: JavaScript over `box`, where box.NAME lists the on-screen
    boxes of the elements the CSS selector NAME names (box.undo[0].width). Layout is asserted
    the way expect() asserts, retried while the page settles, never read once.

    Polled from here rather than with wait_for_function: a page with JavaScript turned off runs
    no timers of its own, so a poll scheduled inside it never comes back."""
    script = (
        "selectors => { const box = {}; const seen = {};"
        " for (const [name, selector] of Object.entries(selectors)) {"
        "  const found = [...document.querySelectorAll(selector)];"
        "  box[name] = found.map(element => element.getBoundingClientRect());"
        "  seen[name] = box[name].map(r => [r.width, r.height]);"
        "  if (!found.length) return {ok: false, seen}; }"
        f" return {{ok: Boolean({condition}), seen}}; }}"
    )
    last = None
    for _ in range(max(1, int(timeout // 100))):
        answer = page.evaluate(script, selectors)
        if answer["ok"]:
            return
        last = answer["seen"]
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {condition}; last seen (width, height): {last}")


@pytest.fixture
def door(site_data):
    """A session today at a venue of its own, starting in half an hour, with families booked."""
    series = make_series(venue=VenueFactory(name="Westlegate Hall"))
    return starting_soon_today(
        series.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at")[0]
    )


@pytest.fixture
def families(door):
    """Booked families by name. No reference contains B, I, L, O or S, so typing those letters
    finds names only."""
    parties = {"Bilal": (2, 1), "Bashir": (1, 0), "Oksana": (1, 2), "Samir": (1, 0)}
    return {
        name: book(door, first_name=name, adults=adults, children=children)
        for name, (adults, children) in parties.items()
    }


@pytest.fixture
def priya(door):
    return volunteer_at(door, "Priya")


@pytest.fixture
def tom(door):
    return volunteer_at(door, "Tom")


@pytest.fixture
def tablet(browser, live_server):
    """Opens a tablet (its own browser context, so its own sign-in and storage), signed in
    through the real sign-in page as the given volunteer."""
    contexts = []

    def open_tablet(volunteer, *, viewport=LANDSCAPE, offline_copies=False, javascript=True):
        # Requests that pass through the register's service worker can miss page.route, so
        # the tests that cut the network with routes run without it; those about the copies
        # it keeps ask for it.
        context = browser.new_context(
            viewport=viewport,
            has_touch=True,
            service_workers="allow" if offline_copies else "block",
            java_script_enabled=javascript,
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

    yield open_tablet
    for context in contexts:
        context.close()
