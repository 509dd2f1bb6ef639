"""A performance's door on a volunteer's tablet: she finds the family by the door code on
their ticket (typed, or scanned by a reader that types it and presses Enter) and checks the
whole party in with one tap; the totals follow. Without JavaScript the same works as forms."""

import re

import pytest
from playwright.sync_api import expect

from attendance.models import CheckIn
from sanctuary import services as accounts
from sanctuary.roles import Role
from tests.attendance.door_helpers import make_performance, ticket
from tests.e2e.conftest import expect_boxes
from tests.e2e.helpers import A_FEW_SECONDS, IS_IN, IS_PENDING, eventually, total
from tests.factories import PASSWORD, VenueFactory

pytestmark = pytest.mark.postgres


@pytest.fixture
def night(site_data):
    return make_performance(title="Orchestra night", venue=VenueFactory(name="Westlegate Hall"))


@pytest.fixture
def family(night):
    """Olena's family of four and their host, named by Dereham Ukraine Aid Centre; and two
    other parties, so that finding is finding."""
    ticket(night, partner="The Bridge Plus+", first_name="Bashir", guests=2, hosts=0)
    ticket(night, partner="New Routes", first_name="Oksana", guests=1, hosts=1)
    return ticket(night, partner="Dereham Ukraine Aid Centre", first_name="Olena")


@pytest.fixture
def priya(night):
    return accounts.user_create(
        email="priya@example.org",
        first_name="Priya",
        roles=[Role.VOLUNTEERS],
        venues=[night.venue],
        actor=None,
        password=PASSWORD,
    )


def _live(family):
    return list(CheckIn.objects.filter(ticket=family, voided_at__isnull=True))


def test_the_family_is_found_by_door_code_and_checked_in_with_one_tap(
    live_server, tablet, night, family, priya
):
    page = tablet(priya)
    page.get_by_role("link", name=re.compile("Orchestra night · Westlegate Hall")).tap()
    expect(page.locator("h1")).to_contain_text("Orchestra night · Westlegate Hall")
    rows = page.locator("#register-bookings .register-row:visible")
    expect(rows).to_have_count(3)
    expect(total(page, "Guests in")).to_have_text("0")

    search = page.get_by_label("Find a name, reference or door code")
    search.press_sequentially(family.door_code.lower())
    search.press("Enter")  # what a scanner does after the code
    expect(rows).to_have_count(1)
    olena = page.locator(f"#t-{family.pk}")
    expect(olena).to_contain_text("4 guests, 1 host")
    expect(olena).to_contain_text("Dereham Ukraine Aid Centre")
    expect_boxes(
        page,
        {"button": f"#t-{family.pk} .register-check-in"},
        "box.button[0].height >= 48 && box.button[0].width >= 48",
    )

    olena.get_by_role("button", name="Check in all 5").tap()

    expect(olena).to_have_class(IS_IN)
    expect(total(page, "In now")).to_have_text("5")
    expect(total(page, "Guests in")).to_have_text("4", timeout=A_FEW_SECONDS)
    expect(total(page, "Hosts in")).to_have_text("1")
    # 160 guest and 40 companion seats, less the 5 in and the 4 of the other parties to come
    expect(total(page, "Free seats")).to_have_text("191")
    expect(olena).not_to_have_class(IS_PENDING, timeout=A_FEW_SECONDS)
    eventually(page, lambda: _live(family))
    (check_in,) = _live(family)
    assert (check_in.guests, check_in.hosts, check_in.recorded_by) == (4, 1, priya)


def test_without_javascript_the_forms_check_in_and_add_a_walk_up(
    live_server, tablet, night, family, priya
):
    page = tablet(priya, javascript=False)
    page.goto(f"{live_server.url}/en/team/attendance/performances/{night.pk}/")
    page.get_by_label("Find a name, reference or door code").fill(family.door_code)
    page.get_by_label("Find a name, reference or door code").press("Enter")
    expect(page.locator("#register-bookings .register-row")).to_have_count(1)

    page.locator(f"#t-{family.pk}").get_by_role("button", name="Check in all 5").click()

    expect(page.get_by_role("status")).to_contain_text("Olena")
    expect(total(page, "Guests in")).to_have_text("4")
    expect(total(page, "Hosts in")).to_have_text("1")
    walk_up = page.get_by_role("group", name=re.compile("Add a walk-up"))
    walk_up.get_by_label("Guests").fill("2")
    walk_up.get_by_role("button", name="Add walk-up").click()
    expect(total(page, "Walk-ups")).to_have_text("2")
    expect(total(page, "In now")).to_have_text("7")


def test_with_javascript_a_walk_up_is_counted_and_a_check_in_undone(
    live_server, tablet, night, family, priya
):
    page = tablet(priya)
    page.goto(f"{live_server.url}/en/team/attendance/performances/{night.pk}/")
    olena = page.locator(f"#t-{family.pk}")
    olena.get_by_role("button", name="Check in all 5").tap()
    expect(total(page, "Guests in")).to_have_text("4", timeout=A_FEW_SECONDS)

    walk_up = page.get_by_role("group", name=re.compile("Add a walk-up"))
    walk_up.get_by_label("First name or nickname (if they like)").fill("Taras")
    walk_up.get_by_label("Hosts").fill("1")
    walk_up.get_by_role("button", name="Add walk-up").tap()
    expect(page.locator("#register-walk-ins")).to_contain_text("Taras")
    expect(total(page, "Walk-ups")).to_have_text("2")
    olena.get_by_role("button", name="Undo check-in").tap()

    expect(total(page, "In now")).to_have_text("2")
    expect(total(page, "Guests in")).to_have_text("0", timeout=A_FEW_SECONDS)
    eventually(page, lambda: not _live(family))
    walk_ups = CheckIn.objects.filter(performance=night, ticket__isnull=True)
    eventually(page, walk_ups.exists)
    assert [(w.first_name, w.guests, w.hosts) for w in walk_ups] == [("Taras", 1, 1)]
