"""The register at the door, on a volunteer's tablet with JavaScript on: sign in, find a
family, check them in with one tap, undo, add walk-ins."""

import re

import pytest
from playwright.sync_api import expect

from attendance.models import CheckIn
from tests.e2e.conftest import expect_boxes
from tests.e2e.helpers import (
    A_FEW_SECONDS,
    IS_IN,
    IS_PENDING,
    check_in_button,
    eventually,
    live_check_ins,
    open_register,
    row,
    total,
)

# The register's writes lock a row and the live server answers from other threads.
pytestmark = pytest.mark.postgres


def test_a_volunteer_signs_in_and_taps_todays_session_to_open_its_register(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    expect(page.locator("h1")).to_have_text("Today's drop-ins")
    # Only today's session: not the series' later ones, nor today's at venues not hers.
    expect(page.locator(".register-session")).to_have_count(1)
    session_link = page.get_by_role("link", name=re.compile("Welcome drop-in · Westlegate Hall"))
    session_link.tap()

    expect(page).to_have_url(f"{live_server.url}/en/team/attendance/sessions/{door.pk}/")
    expect(page.locator("h1")).to_contain_text("Welcome drop-in · Westlegate Hall")
    expect(page.locator("#register-bookings .register-row")).to_have_count(len(families))


def test_typing_a_name_narrows_the_list_and_one_tap_checks_the_family_in(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    shown = page.locator("#register-bookings .register-row:visible")
    expect(shown).to_have_count(4)

    search = page.get_by_label("Find a name or reference")
    search.press_sequentially("b")
    expect(shown).to_have_count(2)  # Bilal and Bashir
    search.press_sequentially("i")
    expect(shown).to_have_count(1)
    bilal = families["Bilal"]
    expect(row(page, bilal)).to_be_visible()

    check_in_button(page, bilal).tap()

    expect(row(page, bilal)).to_have_class(IS_IN)
    expect(row(page, bilal).locator(".register-in")).to_contain_text("3 in")
    eventually(page, lambda: live_check_ins(bilal))
    expect(row(page, bilal)).not_to_have_class(IS_PENDING, timeout=A_FEW_SECONDS)
    (check_in,) = live_check_ins(bilal)
    assert (check_in.adults, check_in.children, check_in.recorded_by) == (2, 1, priya)
    assert CheckIn.objects.filter(session=door).count() == 1


def test_undo_is_a_separate_button_and_voids_the_check_in_without_deleting_it(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    bilal = families["Bilal"]
    check_in = check_in_button(page, bilal)
    # "Check in" sits at the end of the row, past its middle...
    expect_boxes(
        page,
        {"row": f"#b-{bilal.pk}", "check_in": f"#b-{bilal.pk} .register-check-in"},
        "box.check_in[0].left > box.row[0].left + box.row[0].width / 2",
    )
    check_in.tap()
    eventually(page, lambda: live_check_ins(bilal))

    undo = row(page, bilal).get_by_role("button", name="Undo check-in")
    expect(undo).to_be_visible()
    # ...and Undo under the name, at the other end of the row from where "Check in" was, so a
    # second tap on the same spot cannot undo by mistake.
    expect_boxes(
        page,
        {"row": f"#b-{bilal.pk}", "undo": f"#b-{bilal.pk} .register-undo"},
        "box.undo[0].right < box.row[0].left + box.row[0].width / 2",
    )
    undo.tap()

    eventually(page, lambda: not live_check_ins(bilal))
    (voided,) = CheckIn.objects.filter(booking=bilal)
    assert voided.voided_at is not None
    assert voided.voided_by == priya
    # The page offers check-in again once the server has answered.
    expect(check_in_button(page, bilal)).to_be_visible(timeout=A_FEW_SECONDS)
    expect(total(page, "Arrived")).to_have_text("0")


def test_walk_ins_are_recorded_without_a_booking_and_counted_in_the_totals(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    expect(total(page, "Walk-ins")).to_have_text("0")
    expect(total(page, "On site now")).to_have_text("0")
    walk_in = page.locator("#register-walk-in")

    walk_in.get_by_label("First name or nickname (if they like)").fill("Nour")
    walk_in.get_by_label("Adults").fill("2")
    walk_in.get_by_label("Children").fill("1")
    walk_in.get_by_role("button", name="Add walk-in").tap()

    expect(total(page, "Walk-ins")).to_have_text("3")
    expect(total(page, "On site now")).to_have_text("3")
    expect(page.locator("#register-walk-ins")).to_contain_text("Nour")
    walk_ins = CheckIn.objects.filter(session=door, booking=None)
    eventually(page, walk_ins.exists)
    nour = walk_ins.get()
    assert (nour.first_name, nour.adults, nour.children) == ("Nour", 2, 1)

    # The name is optional.
    walk_in.get_by_label("Adults").fill("1")
    walk_in.get_by_role("button", name="Add walk-in").tap()
    expect(total(page, "Walk-ins")).to_have_text("4")
    expect(total(page, "On site now")).to_have_text("4")
    eventually(page, lambda: walk_ins.count() == 2)
    nameless = walk_ins.exclude(pk=nour.pk).get()
    assert (nameless.first_name, nameless.adults, nameless.children) == ("", 1, 0)
    expect(page.locator("#register-walk-ins .register-row")).to_have_count(2)
    expect(page.locator("#register-walk-ins")).to_contain_text("Walk-in")
    # And the totals the server sends agree with what the page worked out.
    expect(page.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    expect(total(page, "On site now")).to_have_text("4")
    assert CheckIn.objects.filter(session=door).count() == 2
