"""The private status page: where the application is, without private details, and the
message for where it is now."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from bursaries import services
from bursaries.models import Application


def status_url(application: Application, language: str = "en") -> str:
    with translation.override(language):
        return reverse("bursaries:status", kwargs={"token": application.status_token})


def test_a_wrong_token_gets_the_ordinary_not_found_page(client, submit):
    application = submit()
    token = application.status_token
    one_character_off = token[:-1] + ("A" if token[-1] != "A" else "B")
    for token in ["x" * 43, one_character_off, "short", ""]:
        response = client.get(f"/en/bursaries/application/{token}/")
        assert response.status_code == 404
        assert "We cannot find that page" in response.content.decode()
        assert application.reference not in response.content.decode()
    assert client.get(status_url(application)).status_code == 200


def test_the_status_page_says_where_the_application_is_without_private_details(client, submit):
    application = submit(statement="My private story.")
    response = client.get(status_url(application))
    html = response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert application.reference in html
    assert "We have your application" in html
    assert "My private story." not in html
    assert "maryam@example.org" not in html


def test_the_status_page_shows_an_approval_and_its_message(client, in_review, programme_staff):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("120.00"),
        message="Maryam عزیز، خوشحالیم.",
    )
    html = client.get(status_url(application, "fa")).content.decode()
    with translation.override("fa"):
        assert translation.gettext("Good news: you have a bursary") in html
    assert '<bdi dir="ltr">£120</bdi>' in html
    assert "Maryam عزیز، خوشحالیم." in html


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_the_award_is_written_the_british_way_on_right_to_left_pages(
    client, in_review, programme_staff, code, fund
):
    fund.budget = Decimal("5000")
    fund.save()
    application = in_review(amount_requested=Decimal("1200"))
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("1200.50"),
        message="Yes",
    )
    html = client.get(status_url(application, code)).content.decode()
    assert '<bdi dir="ltr">£1,200.50</bdi>' in html
    assert "1.200,50" not in html


def test_the_status_page_shows_the_message_for_where_the_application_is_now(
    client, in_review, programme_staff
):
    application = in_review()
    services.application_transition(
        application_id=application.pk,
        to_status=Application.Status.MORE_INFORMATION,
        actor=programme_staff,
        message="مبلغ اتوبوس چقدر است؟",
    )
    html = client.get(status_url(application, "fa")).content.decode()
    assert (
        '<div class="decision-message" lang="fa" dir="auto"><p>مبلغ اتوبوس چقدر است؟</p></div>'
        in html
    )

    services.application_transition(
        application_id=application.pk, to_status=Application.Status.IN_REVIEW, actor=programme_staff
    )
    html = client.get(status_url(application, "fa")).content.decode()
    assert "مبلغ اتوبوس" not in html  # the question was answered

    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="متأسفیم.",
    )
    html = client.get(status_url(application, "en")).content.decode()
    assert '<div class="decision-message" lang="fa" dir="auto"><p>متأسفیم.</p></div>' in html
    assert "مبلغ اتوبوس" not in html


def test_a_decline_offers_a_next_step(client, in_review, programme_staff, closed_fund):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="We are sorry.",
    )
    html = client.get(status_url(application)).content.decode()
    assert "We are sorry: we cannot give you a bursary this time" in html
    assert "We are sorry." in html
    assert "free weekly welcome drop-in" in html
