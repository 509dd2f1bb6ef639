"""Booking the drop-in on a phone with JavaScript off, as people seeking sanctuary do."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db.models import F, Sum
from django.utils import timezone, translation
from playwright.sync_api import expect

from dropins import services
from dropins.models import Booking, DropInSession
from sanctuary.models import OutgoingMessage


def words(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def next_session() -> DropInSession:
    """The demo's next weekly welcome drop-in (the demo's family drop-in is today's only)."""
    return DropInSession.objects.filter(
        starts_at__gt=timezone.now(), series__title_en="Welcome drop-in"
    ).order_by("starts_at")[0]


def fill_booking_form(page, *, first_name, adults="1", children="0", email=""):
    page.locator("[name=first_name]").fill(first_name)
    page.locator("[name=adults]").select_option(adults)
    page.locator("[name=children]").select_option(children)
    if email:
        page.locator("[name=email]").fill(email)
    page.locator("form.form button[type=submit]").click()


@pytest.mark.parametrize(
    ("language", "title"),
    [("ar", "لقاء الترحيب"), ("ckb", "کۆبوونەوەی بەخێرهاتن"), ("ur", "خوش آمدید ملاقات")],
)
def test_book_in_a_right_to_left_language_on_a_phone_and_see_the_confirmation(
    live_server, phone_without_javascript, language, title
):
    page = phone_without_javascript
    session = next_session()
    page.goto(f"{live_server.url}/{language}/drop-in/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(words(language, "Book the welcome drop-in"))

    page.locator(f'a[href="/{language}/drop-in/sessions/{session.pk}/"]').click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("#id_language")).to_have_value(language)
    fill_booking_form(page, first_name="أمينة", adults="2", children="3")

    expect(page).to_have_url(f"{live_server.url}/{language}/drop-in/booked/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(words(language, "You are booked"))
    booking = Booking.objects.get(first_name="أمينة")
    assert (booking.people, booking.status, booking.language) == (5, "confirmed", language)
    expect(page.locator(".reference")).to_have_text(booking.reference)
    # The reference reads left to right inside the right-to-left page.
    assert page.locator(".reference bdi").evaluate("e => getComputedStyle(e).direction") == "ltr"
    expect(page.locator(".private-link")).to_contain_text(booking.token)
    # Everything needed is on one screen's width: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_open_the_private_link_and_cancel(live_server, phone_without_javascript):
    page = phone_without_javascript
    session = next_session()
    page.goto(f"{live_server.url}/en/drop-in/sessions/{session.pk}/")
    fill_booking_form(page, first_name="Oksana", adults="1", children="1")
    booking = Booking.objects.get(first_name="Oksana")

    page.get_by_role("link", name="See or change my booking").click()
    expect(page).to_have_url(f"{live_server.url}{booking.manage_path()}")
    expect(page.locator(".reference")).to_have_text(booking.reference)
    page.get_by_role("link", name="Cancel my booking").click()
    page.get_by_role("button", name="Yes, cancel my booking").click()

    expect(page.locator(".notice")).to_contain_text("Your booking is cancelled")
    expect(page.locator(".status")).to_have_text("Cancelled")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_join_the_waiting_list_and_be_booked_in_when_someone_cancels(
    live_server, browser, phone_without_javascript
):
    page = phone_without_javascript
    session = next_session()
    booked = session.bookings.filter(status=Booking.Status.CONFIRMED)
    full = booked.aggregate(people=Sum(F("adults") + F("children")))["people"]
    services.session_capacity_set(session_id=session.pk, capacity=full, actor=None)
    someone = booked.order_by("pk").first()

    page.goto(f"{live_server.url}/en/drop-in/")
    listed = page.locator(".session-list__item").filter(
        has=page.locator(f'a[href="/en/drop-in/sessions/{session.pk}/"]')
    )
    expect(listed).to_contain_text("Full: join the waiting list")
    page.goto(f"{live_server.url}/en/drop-in/sessions/{session.pk}/")
    fill_booking_form(page, first_name="Samir", email="samir@example.org")
    expect(page.locator("h1")).to_have_text("You are on the waiting list")
    # With an email address given, the private link comes by email.
    (message,) = [m for m in mail.outbox if m.to == ["samir@example.org"]]
    my_page = re.search(r"https?://\S+/drop-in/booking/\S+/", message.body).group(0)
    page.goto(live_server.url + urlsplit(my_page).path)
    expect(page.locator(".status")).to_have_text("On the waiting list")

    # Someone else, on their own phone, cancels through their private link.
    other = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    their_page = other.new_page()
    their_page.goto(f"{live_server.url}/en/drop-in/booking/{someone.token}/cancel/")
    their_page.get_by_role("button", name="Yes, cancel my booking").click()
    expect(their_page.locator(".status")).to_have_text("Cancelled")
    other.close()

    page.goto(live_server.url + urlsplit(my_page).path)
    expect(page.locator(".status")).to_have_text("Booked")
    samir = Booking.objects.get(first_name="Samir")
    assert samir.status == Booking.Status.CONFIRMED
    told = OutgoingMessage.objects.get(template="dropin_booking_promoted")
    assert (told.recipient, told.status) == ("samir@example.org", OutgoingMessage.Status.SENT)
