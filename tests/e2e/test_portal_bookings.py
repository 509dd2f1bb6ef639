"""A partner worker books the drop-in for a client on their phone, and finds the booking on
their organisation's list."""

from django.utils import timezone
from playwright.sync_api import expect

from dropins.models import Booking, DropInSession
from portal.demo import DEMO_ACCOUNTS
from sanctuary.demo import DEMO_PASSWORD
from tests.e2e.conftest import PHONE, expect_boxes


def next_session() -> DropInSession:
    return DropInSession.objects.filter(
        starts_at__gt=timezone.now(), series__title_en="Welcome drop-in"
    ).order_by("starts_at")[0]


def test_a_worker_books_a_drop_in_for_a_client_on_a_phone(live_server, browser):
    email = DEMO_ACCOUNTS[1][0]
    session = next_session()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en/portal/")
    expect(page.locator("h1")).to_have_text("Partner portal")

    page.get_by_role("link", name="Book drop-in places for a client").click()
    page.locator(f'a[href="/en/portal/bookings/new/{session.pk}/"]').click()
    page.get_by_label("The client's first name or a nickname").fill("Hamid")
    page.get_by_label("Adults").select_option("2")
    page.get_by_label("Children").select_option("2")
    page.get_by_label("Language for the client's messages").select_option("fa")
    # Comfortable on a 360 px screen: nothing wider than the phone, the button easy to tap.
    expect_boxes(
        page,
        {"button": "form.form button[type=submit]", "page": "main"},
        "box.button[0].height >= 44 && box.page[0].right <= 360",
    )
    page.get_by_role("button", name="Book", exact=True).click()
    # Without the client's consent, nothing is booked, and what was typed stays.
    expect(page.locator(".error-summary")).to_contain_text("the client agreed")
    expect(page.get_by_label("The client's first name or a nickname")).to_have_value("Hamid")
    page.get_by_label("The client agreed that we may book for them").check()
    page.get_by_role("button", name="Book", exact=True).click()

    expect(page.locator(".notice")).to_contain_text("The booking is made")
    booking = Booking.objects.get(first_name="Hamid", booked_by__email=email)
    assert (booking.people, booking.language, booking.booked_by.email) == (4, "fa", email)
    expect(page.locator(".reference")).to_have_text(booking.reference)
    expect(page.locator(".ticket")).to_contain_text("You, who booked it")

    page.get_by_role("link", name="Drop-in bookings").click()
    item = page.locator(".session-list__item", has_text="Hamid")
    expect(item).to_contain_text(booking.reference)
    expect(item).to_contain_text("Booked")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
