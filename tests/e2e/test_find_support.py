"""Finding a partner that can help, on a phone in Arabic with JavaScript off."""

from django.utils import translation
from playwright.sync_api import expect

from partners.models import Stream
from tests.e2e.conftest import expect_boxes


def test_a_visitor_finds_advice_in_arabic_and_can_call_the_partner(
    live_server, phone_without_javascript
):
    page = phone_without_javascript
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    with translation.override("ar"):
        find_support = translation.gettext("Find support")
        advice = str(Stream.ADVICE.label)
        call = translation.gettext("Call")
        main = translation.gettext("Main")
    page.goto(f"{live_server.url}/ar/")

    page.get_by_role("navigation", name=main).get_by_role("link", name=find_support).click()

    expect(page).to_have_url(f"{live_server.url}/ar/partners/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(find_support)
    page.locator(".jump-list").get_by_role("link", name=advice, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/ar/partners/#stream-advice")
    section = page.get_by_role("region", name=advice)
    gyros = section.locator(".partner").filter(has=page.get_by_role("heading", name="GYROS"))
    expect(gyros).to_contain_text("مشورة مجانية وسرية للمهاجرين")
    phone = gyros.get_by_role("link", name=f"{call} 01603 496003")
    expect(phone).to_have_attribute("href", "tel:+441603496003")
    expect_boxes(
        page,
        {
            "calls": 'section[aria-labelledby="stream-advice"] a[href^="tel:"]',
            "targets": ".jump-list a, .partner__contact a, .language-form a",
        },
        "box.calls.length >= 3 && box.calls.every(link => link.height >= 44)"
        " && box.targets.every(link => link.height >= 44)",
    )
    assert all(url.startswith(live_server.url) for url in requested), requested
