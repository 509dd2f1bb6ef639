"""The rules of bursaries (bursaries/rules.py): each one's answers, and its two forms (SQL for
many rows, Python for one) agreeing on the same rows."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Count
from django.urls import reverse

from bursaries import rules, selectors, services
from bursaries.models import Application, Fund, Review
from tests.bursaries.conftest import reviewed
from tests.factories import user_with_role

pytestmark = pytest.mark.instants

Status = Application.Status


@pytest.fixture
def applications(submit, reviewer):
    """One application in each status, one anonymised while open, and one the second
    reviewer declared a conflict of interest on."""
    made = {}
    for status in Status.values:
        application = submit(email=f"{status}@example.org")
        changes = {"status": status}
        if status == Status.APPROVED:
            changes["amount_awarded"] = Decimal("50")
        Application.objects.filter(pk=application.pk).update(**changes)
        made[status] = application
    made["anonymised"] = submit(email="anonymised@example.org")
    services.application_anonymise(application_id=made["anonymised"].pk, actor=None)
    made["conflict"] = submit(email="conflict@example.org")
    return {name: Application.objects.get(pk=a.pk) for name, a in made.items()}


@pytest.fixture
def people(reviewer, programme_staff, volunteer, applications):
    second = user_with_role("Bursary reviewers")
    services.review_declare_conflict(application_id=applications["conflict"].pk, reviewer=second)
    return {
        "reviewer": reviewer,
        "second": second,
        "staff": programme_staff,
        "volunteer": volunteer,
    }


def test_reviewable_q_and_may_review_agree_for_everyone(applications, people):
    for name, user in people.items():
        in_sql = set(Application.objects.filter(rules.reviewable_q(user)))
        one_by_one = {a for a in Application.objects.all() if rules.may_review(user, a)}
        assert in_sql == one_by_one, name


def test_only_open_applications_without_a_declared_conflict_may_be_reviewed(applications, people):
    reviewable = set(Application.objects.filter(rules.reviewable_q(people["second"])))
    assert reviewable == {
        applications[Status.SUBMITTED],
        applications[Status.IN_REVIEW],
        applications[Status.MORE_INFORMATION],
    }
    assert rules.may_review(people["reviewer"], applications["conflict"])
    assert not rules.may_review(people["second"], applications["conflict"])
    assert not rules.may_review(people["reviewer"], applications["anonymised"])
    assert not Application.objects.filter(rules.reviewable_q(people["volunteer"])).exists()


def test_why_someone_may_not_review_is_told_apart(applications, people):
    refusal = rules.review_refusal
    assert refusal(people["volunteer"], applications[Status.SUBMITTED]) == "not_reviewer"
    assert refusal(people["reviewer"], applications[Status.DECLINED]) == "decided"
    assert refusal(people["reviewer"], applications["anonymised"]) == "anonymised"
    assert refusal(people["second"], applications["conflict"]) == "conflict"
    assert refusal(people["reviewer"], applications[Status.SUBMITTED]) is None


def test_reviewers_only_put_in_review_and_staff_move_to_any_status(applications, people):
    application = applications["conflict"]
    for to_status in Status.values:
        assert rules.may_move_to(user=people["staff"], application=application, to_status=to_status)
        assert rules.may_move_to(
            user=people["reviewer"], application=application, to_status=to_status
        ) == (to_status == Status.IN_REVIEW)
        assert not rules.may_move_to(
            user=people["volunteer"], application=application, to_status=to_status
        )
    # A declared conflict of interest keeps even a reviewer's own move away.
    assert not rules.may_move_to(
        user=people["second"], application=application, to_status=Status.IN_REVIEW
    )


def test_only_those_who_decide_see_contact_details(people):
    assert rules.may_see_contact_details(people["staff"])
    assert not rules.may_see_contact_details(people["reviewer"])
    assert not rules.may_see_contact_details(people["volunteer"])


def test_only_those_who_follow_the_outbox_see_the_messages(people):
    assert rules.may_see_messages(people["staff"])
    assert not rules.may_see_messages(people["reviewer"])
    assert not rules.may_see_messages(people["volunteer"])


def test_the_conflict_expression_and_function_agree(applications, people):
    for name, user in people.items():
        in_sql = set(Application.objects.filter(rules.declared_conflict_q(user)))
        one_by_one = {
            a
            for a in Application.objects.all()
            if rules.has_declared_conflict(user=user, application=a)
        }
        assert in_sql == one_by_one, name
    assert set(Application.objects.filter(rules.declared_conflict_q(people["second"]))) == {
        applications["conflict"]
    }


# Reviews and scores -----------------------------------------------------------------------------


@pytest.fixture
def scored(submit, reviewer):
    """Applications with no review, one review, two reviews (one with a later conflict),
    and one opened but not submitted."""
    second = user_with_role("Bursary reviewers")
    third = user_with_role("Bursary reviewers")
    none = submit(email="none@example.org")
    one = reviewed(submit(email="one@example.org"), reviewer, need=5, benefit=4, fit=4)
    two = reviewed(submit(email="two@example.org"), reviewer, need=5, benefit=5, fit=2)
    reviewed(two, second, need=1, benefit=2, fit=2)
    reviewed(two, third, need=5, benefit=5, fit=5)
    services.review_declare_conflict(application_id=two.pk, reviewer=third)
    opened = submit(email="opened@example.org")
    services.review_open(application_id=opened.pk, reviewer=reviewer)
    return {"none": none, "one": one, "two": two, "opened": opened, "second": second}


def test_which_reviews_count_agree_in_sql_and_in_python(scored):
    counting = set(Review.objects.filter(rules.review_counts_q()))
    assert counting == {review for review in Review.objects.all() if rules.review_counts(review)}
    assert len(counting) == 3  # the conflicted and the unsubmitted one do not count


def test_the_score_total_expression_and_function_agree(scored):
    annotated = Application.objects.annotate(total=rules.score_total_expression())
    for application in annotated:
        reviews = list(Review.objects.filter(application=application))
        expected = rules.score_total(reviews)
        assert (application.total is None) == (expected is None), application
        if expected is not None:
            assert Decimal(application.total) == expected
    totals = {a.pk: a.total for a in annotated}
    assert totals[scored["one"].pk] == 13
    assert totals[scored["two"].pk] == Decimal("8.5")  # (12 + 5) / 2: the conflicted one is out
    assert totals[scored["none"].pk] is None


def test_the_average_score_is_out_of_five_to_one_decimal_place():
    assert rules.average_score(None) is None
    assert rules.average_score(12) == Decimal("4.0")
    assert rules.average_score(13) == Decimal("4.3")
    assert rules.average_score(Decimal("8.5")) == Decimal("2.8")
    assert str(rules.average_score(Decimal("8.5"))) == "2.8"


def test_who_sees_the_scores_agrees_in_sql_and_in_python(scored, reviewer, programme_staff):
    people = [reviewer, scored["second"], programme_staff, user_with_role("Bursary reviewers")]
    for user in people:
        annotated = Application.objects.annotate(
            visible=rules.may_see_scores_expression(user)
        ).order_by("pk")
        for application in annotated:
            reviews = list(Review.objects.filter(application=application))
            assert application.visible == rules.may_see_scores(user=user, reviews=reviews)
    # The second reviewer sees the figures of the application they reviewed, and no other.
    seen = Application.objects.annotate(
        visible=rules.may_see_scores_expression(scored["second"])
    ).filter(visible=True)
    assert list(seen) == [scored["two"]]


# The fund's budget ------------------------------------------------------------------------------


@pytest.fixture
def funds(fund, submit):
    """The open fund (£1,000) with £650 awarded, and two more with nothing awarded."""
    for amount in ("400", "250"):
        application = submit(amount_requested=Decimal(amount))
        Application.objects.filter(pk=application.pk).update(
            status=Status.APPROVED, amount_awarded=Decimal(amount)
        )
    declined = submit(amount_requested=Decimal("900"))
    Application.objects.filter(pk=declined.pk).update(status=Status.DECLINED)
    empty = Fund.objects.create(
        name="Empty", slug="empty", budget=0, opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1)
    )
    small = Fund.objects.create(
        name="Small", slug="small", budget=75, opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1)
    )
    return [fund, empty, small]


def test_the_remaining_expression_and_function_agree(funds):
    remaining = {
        f.pk: f.remaining for f in Fund.objects.annotate(remaining=rules.remaining_expression())
    }
    for fund in Fund.objects.all():
        assert remaining[fund.pk] == rules.fund_remaining(fund)
    assert [remaining[f.pk] for f in funds] == [Decimal("350.00"), 0, 75]


def test_within_budget_q_and_is_within_budget_agree(funds):
    annotated = Fund.objects.annotate(remaining=rules.remaining_expression())
    for amount in [Decimal("0"), Decimal("75"), Decimal("75.01"), Decimal("350"), Decimal("351")]:
        in_sql = set(annotated.filter(rules.within_budget_q(amount)).values_list("pk", flat=True))
        one_by_one = {f.pk for f in Fund.objects.all() if rules.is_within_budget(f, amount)}
        assert in_sql == one_by_one, amount
    assert rules.is_within_budget(funds[0], Decimal("350"))
    assert not rules.is_within_budget(funds[0], Decimal("350.01"))


def test_a_budget_set_below_what_was_awarded_is_refused_by_the_one_check(funds):
    fund = funds[0]
    fund.budget = Decimal("649.99")
    with pytest.raises(Exception) as refused:
        services.fund_budget_check(fund=fund)
    assert refused.value.code == "below_awarded"
    fund.budget = Decimal("650")
    services.fund_budget_check(fund=fund)


def test_the_admin_totals_use_the_same_remaining(funds):
    totals = {f.pk: f.remaining for f in selectors.fund_list_with_totals()}
    assert totals == {f.pk: rules.fund_remaining(f) for f in Fund.objects.all()}


# The fund's dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, open_slugs",
    [
        (date(2026, 2, 28), set()),
        (date(2026, 3, 1), {"march"}),
        (date(2026, 3, 31), {"march", "spring"}),
        (date(2026, 4, 1), {"spring"}),
        (date(2026, 6, 1), set()),
    ],
)
def test_fund_open_q_and_is_fund_open_agree_on_every_day(db, today, open_slugs):
    Fund.objects.create(
        name="March", slug="march", budget=1, opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31)
    )
    Fund.objects.create(
        name="Spring",
        slug="spring",
        budget=1,
        opens_on=date(2026, 3, 31),
        closes_on=date(2026, 5, 31),
    )
    in_sql = set(Fund.objects.filter(rules.fund_open_q(today)).values_list("slug", flat=True))
    one_by_one = {f.slug for f in Fund.objects.all() if rules.is_fund_open(f, today)}
    assert in_sql == one_by_one == open_slugs
    assert {
        f.slug for f in Fund.objects.all() if f.state_on(today) == Fund.State.OPEN
    } == open_slugs


def test_counting_reviews_in_the_list_uses_the_rule(scored, programme_staff):
    rows = {a.pk: a.review_count for a in selectors.application_list_for(user=programme_staff)}
    counted = dict(
        Review.objects.filter(rules.review_counts_q())
        .values_list("application")
        .annotate(n=Count("pk"))
    )
    assert rows == {pk: counted.get(pk, 0) for pk in rows}


def test_the_admin_list_marks_what_each_person_may_review(applications, people):
    for name, user in people.items():
        for application in selectors.application_list_for(user=user):
            assert application.reviewable == rules.may_review(user, application), name


def test_reviewers_can_list_what_is_open_for_them_to_review(client, applications, people):
    client.force_login(people["second"])
    url = reverse("admin:bursaries_application_changelist")
    listed = set(client.get(url, {"reviewable": "yes"}).context["cl"].result_list)
    assert listed == {
        applications[Status.SUBMITTED],
        applications[Status.IN_REVIEW],
        applications[Status.MORE_INFORMATION],
    }
    assert len(client.get(url).context["cl"].result_list) == len(applications) - 1
