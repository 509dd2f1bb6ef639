"""Playwright for Python driving Debian's Chromium (never a downloaded browser)."""

import io
import os
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM

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


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _database_outlives_the_live_server(django_db_setup):
    """Set the test database up before live_server, so that it is torn down after the server
    (and its threads' connections) have stopped."""


@pytest.fixture
def site_data(transactional_db):
    """The demo venues and accounts, as `make run` loads them."""
    call_command("demo_data", stdout=io.StringIO())


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


@pytest.fixture
def browser(live_server, site_data):
    """Chromium, started after the test's data is in place.

    Playwright's sync API runs an event loop in this thread while it is open; Django's database
    connections opened then would belong to that loop's context and outlive the test. So the
    data comes first, and Playwright stops before the database is flushed.
    """
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield BrowserOnTheSuiteClock(browser)
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture(autouse=True)
def _close_connections_opened_beside_the_browser(request):
    """A test that reads or writes the database while Chromium is open opens its connections
    in Playwright's context: close them there, before the browser stops and the database is
    flushed."""
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
