"""A guest claims seats by a partner's link on a phone, in Ukrainian, with JavaScript off, and
sees the ticket page with the reference and the door code."""

from django.utils import translation
from playwright.sync_api import expect

from events.models import GuestTicket
from events.services.claims import claim_link_path
from tests.e2e.conftest import expect_boxes
from tests.events.tickets_setup import make_link, make_night


def words(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def test_a_guest_claims_seats_by_link_in_ukrainian_and_sees_the_ticket(
    live_server, phone_without_javascript
):
    page = phone_without_javascript
    night = make_night()
    _link, token = make_link(night, max_guests=4, max_hosts=1)

    # The partner sent the link in English; the guest switches the page to Ukrainian.
    page.goto(live_server.url + claim_link_path(token))
    expect(page.locator("h1")).to_have_text("National Symphony Orchestra of Ukraine")
    page.locator('.language-form button[value="uk"]').click()

    with translation.override("uk"):
        expect(page).to_have_url(live_server.url + claim_link_path(token))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("h1")).to_have_text("Національний симфонічний оркестр України")
    expect(page.locator("#id_language")).to_have_value("uk")
    page.locator("[name=first_name]").fill("Олена")
    page.locator("[name=guests]").select_option("3")
    page.locator("[name=hosts]").select_option("1")
    page.locator("[name=consent]").check()
    page.locator("form.form button[type=submit]").click()

    expect(page.locator("h1")).to_have_text(words("uk", "Your ticket"))
    ticket = GuestTicket.objects.get(first_name="Олена")
    assert (ticket.guests, ticket.hosts, ticket.language) == (3, 1, "uk")
    with translation.override("uk"):
        expect(page).to_have_url(live_server.url + ticket.ticket_path())
    expect(page.locator(".reference")).to_have_text(ticket.reference)
    expect(page.locator(".door-code")).to_have_text(ticket.door_code)
    expect(page.locator(".qr-box svg")).to_be_visible()
    # The code is big, and everything fits a phone's width: nothing to scroll sideways.
    expect_boxes(
        page,
        {"code": ".door-code", "qr": ".qr-box svg"},
        "box.code[0].height >= 40 && box.qr[0].width >= 150 && box.qr[0].right <= 360",
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The link was for one use: opened again, it says so kindly and names the partner.
    with translation.override("uk"):
        page.goto(live_server.url + claim_link_path(token))
    expect(page.locator("h1")).to_have_text(words("uk", "This link has already been used."))
    expect(page.locator("main")).to_contain_text(night.partner_a.name)
