"""A member of the public books the City of Sanctuary celebration on a phone with JavaScript
off: from the list of network events to the confirmation page, and the email with the private
link."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from events.models import NetworkBooking, NetworkEvent
from tests.e2e.conftest import expect_boxes

SLUG = "city-of-sanctuary-celebration"


def words(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def test_book_the_celebration_on_a_phone_without_javascript(live_server, phone_without_javascript):
    page = phone_without_javascript
    celebration = NetworkEvent.objects.get(slug=SLUG)
    date = celebration.dates.get()

    page.goto(f"{live_server.url}/en/events/")
    expect(page.locator("h1")).to_have_text("Network events")
    page.get_by_role("link", name="City of Sanctuary celebration").click()

    expect(page).to_have_url(f"{live_server.url}/en/events/{SLUG}/")
    expect(page.locator(".facts")).to_contain_text("51 St Benedict's Street, Norwich NR2 4PG")
    expect(page.get_by_role("link", name="Map")).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/")
    )
    expect(page.locator(".places")).to_contain_text("places left")
    page.get_by_role("link", name="Book", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/en/events/{SLUG}/{date.pk}/")
    page.get_by_label("Your name").fill("Grace Okafor")
    page.get_by_label("Email address").fill("grace@example.org")
    page.get_by_label("How many tickets?").select_option("3")
    page.get_by_label("Language for your email").select_option("en")
    expect_boxes(
        page,
        {"button": "form.form button[type=submit]"},
        "box.button[0].height >= 44 && box.button[0].right <= 360",
    )
    page.locator("form.form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/en/events/booked/")
    expect(page.locator("h1")).to_have_text("You are booked")
    booking = NetworkBooking.objects.get(email="grace@example.org")
    assert (booking.tickets, booking.status, booking.date_id) == (3, "confirmed", date.pk)
    expect(page.locator(".reference")).to_have_text(booking.reference)
    expect(page.locator(".ticket")).to_contain_text("3 tickets")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    (message,) = [m for m in mail.outbox if m.to == ["grace@example.org"]]
    assert booking.reference in message.body
    link = re.search(r"https?://\S+/events/booking/\S+/", message.body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    expect(page.locator(".reference")).to_have_text(booking.reference)


def test_the_celebration_reads_right_to_left_in_persian(live_server, phone_without_javascript):
    page = phone_without_javascript

    page.goto(f"{live_server.url}/fa/events/{SLUG}/")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("جشن شهر پناه")
    expect(page.get_by_role("link", name=words("fa", "Book"), exact=True)).to_be_visible()
