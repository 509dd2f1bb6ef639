"""A bursary from start to finish in Chromium: someone applies in Persian on a phone with
JavaScript off, a reviewer reviews and programme staff approve in the admin, and a real Celery
worker sends the decision."""

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from bursaries.models import Application
from sanctuary.models import OutgoingMessage
from tests.e2e.conftest import expect_boxes
from tests.sanctuary.test_worker import wait_until_sent

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

DEMO_PASSWORD = "sanctuary-demo"


def fa(text: str) -> str:
    with translation.override("fa"):
        return translation.gettext(text)


def sign_in(browser, live_server, email: str):
    """A team member on a laptop (JavaScript on), signed in through the team sign-in page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Hello")
    return page


def test_apply_in_persian_then_review_approve_and_the_worker_sends_the_answer(
    live_server,
    browser,
    phone_without_javascript,
    worker,
):
    phone = phone_without_javascript

    # Someone finds the bursaries in Persian and applies, on a phone, without JavaScript.
    phone.goto(f"{live_server.url}/fa/bursaries/")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    phone.get_by_role("link", name="کمک‌هزینه‌های آموزش و مشارکت ۲۰۲۶–۲۷").click()
    expect(phone.get_by_role("heading", name=fa("How we decide"))).to_be_visible()
    phone.get_by_role("link", name=fa("Apply")).first.click()

    # Comfortable on a 360 px screen: nothing wider than the phone, every choice easy to tap.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    expect_boxes(
        phone,
        {"choices": ".field fieldset label"},
        "box.choices.length >= 10 && box.choices.every(choice => choice.height >= 44)",
    )

    phone.get_by_label(fa("What should we call you?")).fill("مریم")
    phone.get_by_label(fa("By email")).check()
    phone.get_by_label(fa("Your email address")).fill("maryam@example.org")
    expect(phone.get_by_label(fa("Which language should we write to you in?"))).to_have_value("fa")
    phone.get_by_label("تئاتر جوانان، ۱۱ تا ۱۸ سال (استیج تو)").check()
    phone.get_by_label(fa("Course fee")).check()
    phone.get_by_label(fa("Travel")).check()
    phone.get_by_label(fa("Roughly how much do you need, in pounds (£)?")).fill("۱۲۰")
    phone.get_by_label(fa("What would taking part mean to you?")).fill(
        "می‌خواهم دوباره روی صحنه بروم."
    )
    phone.get_by_label(
        fa(
            "I agree that Norwich Theatre keeps what I have written here to decide on my "
            "application, as the privacy notice says."
        )
    ).check()
    phone.get_by_role("button", name=fa("Send my application")).click()

    expect(phone.locator("h1")).to_have_text(fa("Thank you. We have your application."))
    reference = phone.locator(".reference bdi").inner_text()
    application = Application.objects.get(reference=reference)
    assert application.language == "fa"
    assert application.amount_requested == 120
    status_link = phone.locator(".private-link a").get_attribute("href")
    assert application.status_token in status_link
    # The link wraps rather than widening the page.
    expect_boxes(phone, {"link": ".private-link"}, "box.link[0].width <= 360")

    # A reviewer signs in, says they have no conflict, and scores it.
    reviewer = sign_in(browser, live_server, "reviewer@example.org")
    reviewer.goto(f"{live_server.url}/en/admin/bursaries/application/")
    reviewer.get_by_role("link", name=reference).click()
    expect(reviewer.get_by_text("tell us whether you have a conflict of interest")).to_be_visible()
    reviewer.get_by_role("button", name="I have no conflict of interest: open it").click()
    expect(reviewer.get_by_text("می‌خواهم دوباره روی صحنه بروم.")).to_be_visible()
    reviewer.get_by_role("link", name="Write your review").click()
    reviewer.get_by_label("4 · Could probably not take part without help").check()
    reviewer.get_by_label("4 · A big difference to their life here").check()
    reviewer.get_by_label("5 · Exactly what the programme is for").check()
    reviewer.get_by_label("Yes", exact=True).check()
    reviewer.get_by_label("Comment for the team").fill("A clear need, and a good fit.")
    reviewer.get_by_role("button", name="Submit your review").click()
    expect(reviewer.get_by_text(f"Your review of {reference} is saved.")).to_be_visible()
    reviewer.context.close()

    # Programme staff approve it within the fund's budget.
    staff = sign_in(browser, live_server, "staff@example.org")
    staff.goto(f"{live_server.url}/en/admin/bursaries/application/")
    staff.get_by_role("link", name=reference).click()
    expect(staff.get_by_text("A clear need, and a good fit.")).to_be_visible()
    staff.get_by_role("link", name="Approve", exact=True).click()
    expect(staff.get_by_label("Amount to award (£)")).to_have_value("120.00")
    expect(staff.get_by_label("Message to the applicant")).to_contain_text("مریم")
    staff.get_by_role("button", name="Confirm: Approved").click()
    expect(staff.get_by_text(f"{reference} is now “Approved”.")).to_be_visible()
    expect(staff.get_by_text("£4,820.00 is left")).to_be_visible()
    staff.context.close()

    # The applicant's private page shows the approval, in Persian.
    phone.goto(status_link)
    expect(phone.locator(".status h2")).to_have_text(fa("Good news: you have a bursary"))
    expect(phone.locator(".status bdi")).to_have_text("£120")
    expect(phone.locator(".decision-message")).to_contain_text("مریم")

    # The decision message is in the outbox, and the worker sends it.
    decision = OutgoingMessage.objects.get(template="bursary_decision", language="fa")
    assert decision.dedupe_key == f"bursary:application:{application.pk}:decision"
    wait_until_sent(decision)
    # Sent in Persian: the decision's own words, not only the name and what staff wrote.
    decided = fa("We have decided on your bursary application %(reference)s.") % {
        "reference": reference
    }
    (email,) = [email for email in mail.outbox if decided in email.body]
    assert email.to == ["maryam@example.org"]
    assert fa("You can read this again on the private page:") in email.body
    assert "£120" in email.body
    assert email.extra_headers["Content-Language"] == "fa"


def test_something_else_opens_the_box_for_their_own_words_without_javascript(
    live_server, phone_without_javascript
):
    phone = phone_without_javascript
    phone.goto(f"{live_server.url}/en/bursaries/learning-and-participation-2026-27/apply/")
    own_words = phone.get_by_label("Something else? Tell us what, in your own words")
    expect(own_words).to_be_hidden()
    phone.get_by_label("Youth theatre, ages 11 to 18 (Stage Two)").check()
    expect(own_words).to_be_hidden()

    phone.get_by_label("Something else", exact=True).check()
    expect(own_words).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    own_words.fill("A photography workshop")
    phone.get_by_label("What should we call you?").fill("Yusuf")
    phone.get_by_label("By email").check()
    phone.get_by_label("Your email address").fill("yusuf@example.org")
    phone.get_by_label("Kit or materials").check()
    phone.get_by_label("Roughly how much do you need, in pounds (£)?").fill("80")
    phone.get_by_label("What would taking part mean to you?").fill("I love taking pictures.")
    phone.get_by_label(
        "I agree that Norwich Theatre keeps what I have written here to decide on my "
        "application, as the privacy notice says."
    ).check()
    phone.get_by_role("button", name="Send my application").click()

    expect(phone.locator("h1")).to_have_text("Thank you. We have your application.")
    reference = phone.locator(".reference bdi").inner_text()
    application = Application.objects.get(reference=reference)
    assert application.opportunity is None
    assert application.own_words == "A photography workshop"
