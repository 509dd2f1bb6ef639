"""The register on a tablet with JavaScript off: plain forms. Every walk-in added counts, one
after another, after going back, or from a page kept since before the last one was added; the
same form sent again is recorded once and said to be."""

import re

import pytest
from playwright.sync_api import expect

from attendance.models import CheckIn
from tests.e2e.helpers import open_register

# The register's writes lock a row and the live server answers from other threads.
pytestmark = pytest.mark.postgres


def add_walk_in(page, first_name, *, adults=1, children=0):
    form = page.locator("#register-walk-in")
    form.get_by_label("First name or nickname").fill(first_name)
    form.get_by_label("Adults").fill(str(adults))
    form.get_by_label("Children").fill(str(children))
    form.get_by_role("button", name="Add walk-in").click()


def walk_in_key(page):
    return page.locator("#register-walk-in [name=form_key]")


def go_back_to_a_kept_page(page, html):
    """The back button in a browser that kept the page as it was (its back-forward cache):
    Chromium asks the server again for a page marked no-store, so the kept copy is given to it."""
    page.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html"), times=1)
    page.go_back()


def walk_in_people(session):
    return sum(one.people for one in CheckIn.objects.filter(session=session, booking=None))


def test_walk_ins_added_one_after_another_and_after_going_back_all_count(
    live_server, tablet, door, priya
):
    page = tablet(priya, javascript=False)
    open_register(page, live_server, door)
    notice = page.locator(".notice")
    walk_ins = page.locator("#register-walk-ins .register-row")

    add_walk_in(page, "Amal", adults=2)
    expect(notice).to_have_text("Walk-in added: 2 people.")
    expect(walk_ins).to_have_count(1)
    kept, kept_key = page.content(), walk_in_key(page).get_attribute("value")

    add_walk_in(page, "Bashir")
    expect(notice).to_have_text("Walk-in added: 1 person.")
    expect(walk_ins).to_have_count(2)

    page.go_back()
    add_walk_in(page, "Chen", adults=1, children=2)
    expect(notice).to_have_text("Walk-in added: 3 people.")
    expect(walk_ins).to_have_count(3)

    go_back_to_a_kept_page(page, kept)
    expect(walk_in_key(page)).to_have_value(kept_key)
    add_walk_in(page, "Dara")
    expect(notice).to_have_text("Walk-in added: 1 person.")
    expect(walk_ins).to_have_count(4)
    expect(page.locator("#register-walk-ins")).to_contain_text(
        re.compile("Amal.*Bashir.*Chen.*Dara", re.S)
    )
    assert walk_in_people(door) == 7


def test_the_same_walk_in_form_sent_again_is_recorded_once_and_said_to_be(
    live_server, tablet, door, priya
):
    page = tablet(priya, javascript=False)
    open_register(page, live_server, door)
    kept = page.content()
    notice = page.locator(".notice")

    add_walk_in(page, "Amal", adults=2)
    expect(notice).to_have_text("Walk-in added: 2 people.")
    go_back_to_a_kept_page(page, kept)
    add_walk_in(page, "Amal", adults=2)

    expect(notice).to_contain_text("This walk-in was already added at")
    expect(page.locator("#register-walk-ins .register-row")).to_have_count(1)
    assert walk_in_people(door) == 2
