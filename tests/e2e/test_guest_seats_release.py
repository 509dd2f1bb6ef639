"""The release deadline passes: the seats partners have not named go to the shared pool, as the
staff's allocation page and the partner's portal page show."""

from datetime import timedelta

from playwright.sync_api import expect

from events import tasks
from events.models import GuestAllocation
from sanctuary.models import User
from tests.e2e.test_partner_names_guests import sign_in
from tests.events.helpers import name_party, partner, worker_of

DEMO_PASSWORD = "sanctuary-demo"


def test_the_deadline_releases_unnamed_seats_to_the_pool(live_server, browser, clock):
    allocation = GuestAllocation.objects.select_related("performance").get(
        performance__slug__contains="midsummer"
    )
    dereham = allocation.quotas.get(organisation__name="Dereham Ukraine Aid Centre")
    name_party(allocation, dereham, guests=3, hosts=1, first_name="Mykola")
    worker = worker_of(partner("Dereham Ukraine Aid Centre"), "Olena")

    clock.move_to(allocation.release_at + timedelta(minutes=5))
    tasks.guest_seats_release()
    # Two weeks on, the staff member's days to set up two-step sign-in start afresh.
    User.objects.filter(email="staff@example.org").update(two_factor_required_since=None)

    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    staff.goto(f"{live_server.url}/en/accounts/login/")
    staff.get_by_label("Email address").fill("staff@example.org")
    staff.get_by_label("Password").fill(DEMO_PASSWORD)
    staff.get_by_role("button", name="Sign in").click()
    expect(staff.get_by_label("Email address")).to_have_count(0)
    staff.goto(f"{live_server.url}/en/admin/events/guestallocation/{allocation.pk}/change/")
    # 20 seats: Dereham keeps the 3 it named; the other 17 are the pool's.
    expect(staff.locator(".field-pool .readonly")).to_have_text(
        "seats: 17 · named or offered: 0 · free: 17 · waiting: 0"
    )
    expect(staff.locator(".field-released_at .readonly")).not_to_have_text("-")

    page = sign_in(browser, live_server, worker)
    page.goto(f"{live_server.url}/en/portal/guests/{dereham.pk}/")
    expect(page.locator(".seats-left")).to_have_text("0")
    expect(page.locator(".guest-figures")).to_contain_text(
        "unnamed seats have gone to the shared pool"
    )
    expect(page.get_by_role("button", name="Join the waiting list")).to_be_visible()
