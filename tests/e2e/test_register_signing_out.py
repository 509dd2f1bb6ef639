"""Handing the tablet on: signing out warns of taps not sent yet and leaves no names behind."""

import contextlib

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.helpers import (
    A_FEW_SECONDS,
    REGISTER_CALLS,
    check_in_button,
    eventually,
    live_check_ins,
    open_register,
)

# The register's writes lock a row and the live server answers from other threads.
pytestmark = pytest.mark.postgres


def kept_for_the_site(page):
    return page.evaluate(
        "caches.keys().then(names => ({caches: names.length, storage: localStorage.length}))"
    )


def test_signing_out_warns_of_unsent_taps_and_leaves_no_names_on_the_tablet(
    live_server, tablet, door, families, priya
):
    page = tablet(priya, offline_copies=True)
    open_register(page, live_server, door)
    eventually(page, lambda: kept_for_the_site(page)["caches"])
    page.context.route(REGISTER_CALLS, lambda route: route.abort("internetdisconnected"))
    check_in_button(page, families["Bilal"]).tap()
    expect(page.locator("#register-sync")).to_contain_text("1 waiting to sync")

    page.goto(f"{live_server.url}/en/accounts/logout/")
    expect(page.get_by_role("alert")).to_contain_text("have not reached the server yet")
    page.go_back()
    page.context.unroute(REGISTER_CALLS)
    eventually(page, lambda: live_check_ins(families["Bilal"]), timeout=20)
    expect(page.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    page.goto(f"{live_server.url}/en/accounts/logout/")
    expect(page.get_by_role("alert")).to_be_hidden()

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(f"{live_server.url}/en/")
    eventually(page, lambda: kept_for_the_site(page) == {"caches": 0, "storage": 0})
    # Offline, the register's address no longer opens a copy with the families' names.
    page.context.set_offline(True)
    with contextlib.suppress(PlaywrightError):  # the browser's own "no connection" page
        page.goto(f"{live_server.url}/en/team/attendance/sessions/{door.pk}/")
    expect(page.get_by_text("Bilal")).to_have_count(0)
