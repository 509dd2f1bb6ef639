"""What applicants and reviewers wrote, and amounts, read the right way round on every admin
page, right-to-left ones included."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation

from bursaries import services
from bursaries.models import Application, Review
from tests.bursaries.helpers import change_url, move_url, open_url, review_url
from tests.factories import user_with_role

NAME = "مریم"
THEIR_WORDS = {
    "name": NAME,
    "statement": "می‌خواهم دوباره روی صحنه بروم.",
    "own_words": "کارگاه عکاسی",
    "referrer_name": "Олена",
}
COMMENT = "نیاز روشن است."


@pytest.fixture
def in_their_words(in_review, partner, reviewer, programme_staff):
    application = in_review(
        referrer_organisation=partner,
        referrer_consent=True,
        opportunity=None,
        **THEIR_WORDS,
    )
    Review.objects.update(comment=COMMENT)
    services.application_transition(
        application_id=application.pk,
        to_status=Application.Status.MORE_INFORMATION,
        actor=programme_staff,
        message=f"{NAME} عزیز، هزینه اتوبوس چقدر است؟",
    )
    return application


def test_what_applicants_and_reviewers_wrote_finds_its_own_direction_on_every_admin_page(
    client, in_their_words, programme_staff
):
    from tests.bursaries.conftest import assert_in_its_own_direction

    application = in_their_words
    client.force_login(programme_staff)
    pages = {
        "details": client.get(change_url(application)),
        "decide": client.get(move_url(application, "declined")),
        "review list": client.get(
            reverse("admin:bursaries_review_change", args=[Review.objects.get().pk])
        ),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
    html = pages["details"].content.decode()
    for text in [*THEIR_WORDS.values(), COMMENT, "هزینه اتوبوس"]:
        assert_in_its_own_direction(html, text)
    assert_in_its_own_direction(pages["decide"].content.decode(), NAME)
    assert_in_its_own_direction(pages["review list"].content.decode(), COMMENT)


def test_what_applicants_wrote_finds_its_own_direction_on_the_reviewers_pages(
    client, in_their_words
):
    from tests.bursaries.conftest import assert_in_its_own_direction

    application = in_their_words
    client.force_login(user_with_role("Bursary reviewers"))
    html = client.get(open_url(application)).content.decode()
    assert_in_its_own_direction(html, NAME)
    assert_in_its_own_direction(html, THEIR_WORDS["referrer_name"])
    client.post(open_url(application), {"open": "1"})
    html = client.get(review_url(application)).content.decode()
    assert_in_its_own_direction(html, THEIR_WORDS["statement"])
    assert_in_its_own_direction(html, THEIR_WORDS["own_words"])


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_amounts_are_written_the_british_way_left_to_right_on_right_to_left_pages(
    client, in_review, programme_staff, decision_templates, fund, code
):
    fund.budget = Decimal("12500.00")
    fund.save()
    application = in_review(amount_requested=Decimal("1200.50"))
    client.force_login(programme_staff)
    with translation.override(code):
        pages = [
            client.get(change_url(application)),
            client.get(move_url(application, "approved")),
            client.post(
                reverse("admin:bursaries_application_changelist"),
                {"action": "approve_selected", ACTION_CHECKBOX_NAME: [application.pk]},
            ),
        ]
    for page in pages:
        html = page.content.decode()
        assert f'<html lang="{code}" dir="rtl">' in html
        assert '<bdi dir="ltr">£12,500.00</bdi>' in html
        for wrong in ["12.500", "12٬500", "12,500.00£", "£12500", "1.200,50"]:
            assert wrong not in html, wrong
    assert '<bdi dir="ltr">£1,200.50</bdi>' in pages[1].content.decode()
