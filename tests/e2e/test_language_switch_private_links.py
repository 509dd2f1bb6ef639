"""The language switch on the pages a private link opens, on a phone with JavaScript off: the
page comes back in the chosen language, the same page, its private link still working."""

from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from bursaries.models import Application
from dropins.models import Booking
from events.models import NetworkBooking


def path_in(language: str, name: str, token: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs={"token": token})


def test_switching_language_on_private_link_pages_keeps_the_page(
    live_server, phone_without_javascript
):
    page = phone_without_javascript
    pages = [
        ("dropins:manage", Booking.objects.filter(status="confirmed").first().token),
        ("bursaries:status", Application.objects.exclude(status_token="").first().status_token),
        ("events:network_booking", NetworkBooking.objects.first().token),
    ]
    for name, token in pages:
        page.goto(live_server.url + path_in("fa", name, token))
        expect(page.locator("html")).to_have_attribute("lang", "fa")

        page.locator("button[name=language][value=uk]").click()

        expect(page).to_have_url(live_server.url + path_in("uk", name, token))
        expect(page.locator("html")).to_have_attribute("lang", "uk")
        expect(page.locator("html")).to_have_attribute("dir", "ltr")

        page.locator("button[name=language][value=ar]").click()

        expect(page).to_have_url(live_server.url + path_in("ar", name, token))
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
