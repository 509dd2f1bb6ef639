"""A partner worker names a Ukrainian family of four and their host for a performance in the
portal, and sees the seats left go down."""

from playwright.sync_api import expect

from events.models import GuestTicket
from tests.e2e.conftest import expect_boxes
from tests.events.helpers import partner, worker_of
from tests.factories import PASSWORD


def sign_in(browser, live_server, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Email address")).to_have_count(0)
    return page


def test_a_partner_worker_names_a_family_of_four_with_their_host(live_server, browser):
    olena = worker_of(partner("Dereham Ukraine Aid Centre"), "Olena")
    page = sign_in(browser, live_server, olena)

    page.goto(f"{live_server.url}/en/portal/")
    page.get_by_role("link", name="Guest seats for performances").click()
    expect(page.locator("h1")).to_have_text("Guest seats for performances")
    page.get_by_role("link", name="A Midsummer Night's Dream").click()
    expect(page.locator(".seats-left")).to_have_text("8")
    expect_boxes(page, {"button": "form.form button[type=submit]"}, "box.button[0].height >= 44")

    page.get_by_label("First name or nickname of the guest").fill("Oksana")
    page.get_by_label("Guests in the party").select_option("4")
    page.get_by_label("Hosts coming with them").select_option("1")
    page.get_by_label("Language for their messages").select_option("uk")
    page.get_by_label("Access needs (if any)").fill("A quiet space in the interval")
    page.get_by_role("button", name="Name this party").click()

    expect(page.locator(".notice--success")).to_contain_text("Oksana is named")
    expect(page.locator(".seats-left")).to_have_text("4")
    ticket = GuestTicket.objects.get(
        first_name="Oksana", allocation__performance__slug__contains="midsummer"
    )
    card = page.locator(f"#t-{ticket.pk}")
    expect(card).to_contain_text("4 guests, 1 host")
    expect(card).to_contain_text(ticket.reference)
    assert (ticket.guests, ticket.hosts, ticket.language, ticket.named_by) == (4, 1, "uk", olena)
    # The page is the worker's own organisation's quota.
    quota = ticket.quota
    assert quota.organisation.name == "Dereham Ukraine Aid Centre"
    expect(page).to_have_url(f"{live_server.url}/en/portal/guests/{quota.pk}/")
