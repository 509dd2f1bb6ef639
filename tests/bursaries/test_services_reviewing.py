"""Reviewing, through the services: open before scoring, one final review each, scores from
one to five, others' reviews seen only after one's own."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bursaries import selectors, services
from bursaries.models import Application, Review
from sanctuary.models import AuditEvent
from tests.bursaries.conftest import reviewed

Status = Application.Status


def test_the_first_review_puts_the_application_in_review(submit, reviewer):
    application = reviewed(submit(), reviewer)
    assert application.status == Status.IN_REVIEW
    assert AuditEvent.objects.filter(actor=reviewer, action="review.submit").exists()
    assert AuditEvent.objects.filter(actor=reviewer, action="application.in_review").exists()


def test_a_reviewer_must_open_an_application_before_scoring_it(submit, reviewer):
    application = submit()
    with pytest.raises(ValidationError):
        services.review_submit(
            application_id=application.pk,
            reviewer=reviewer,
            need=3,
            benefit=3,
            fit=3,
            recommendation="maybe",
        )


@pytest.mark.parametrize("person", ["reviewer", "programme_staff"])
def test_a_submitted_review_is_final(request, submit, person):
    scorer = request.getfixturevalue(person)
    application = reviewed(submit(), scorer, need=2, comment="First thoughts.")
    audit_before = list(AuditEvent.objects.values_list("pk", flat=True))
    with pytest.raises(ValidationError) as refused:
        services.review_submit(
            application_id=application.pk,
            reviewer=scorer,
            need=5,
            benefit=5,
            fit=5,
            recommendation="no",
            comment="Second thoughts.",
        )
    assert refused.value.code == "already_submitted"
    review = Review.objects.get()
    assert (review.need, review.recommendation, review.comment) == (2, "yes", "First thoughts.")
    assert AuditEvent.objects.filter(action="review.submit").count() == 1
    # The refused second try changed nothing, so it recorded nothing either.
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == audit_before


def test_reviewers_have_no_permission_to_change_reviews(reviewer):
    assert not reviewer.has_perm("bursaries.change_review")


def test_the_database_refuses_a_second_review_by_the_same_person(submit, reviewer):
    from django.db import IntegrityError, transaction

    application = reviewed(submit(), reviewer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(application=application, reviewer=reviewer)


def test_scores_outside_one_to_five_are_refused(submit, reviewer):
    application = submit()
    services.review_open(application_id=application.pk, reviewer=reviewer)
    with pytest.raises(ValidationError):
        services.review_submit(
            application_id=application.pk,
            reviewer=reviewer,
            need=6,
            benefit=3,
            fit=3,
            recommendation="yes",
        )


def test_a_volunteer_cannot_review(submit, volunteer):
    application = submit()
    with pytest.raises(PermissionDenied):
        services.review_open(application_id=application.pk, reviewer=volunteer)
    with pytest.raises(PermissionDenied):
        services.review_declare_conflict(application_id=application.pk, reviewer=volunteer)


def test_a_decided_application_takes_no_more_reviews(in_review, programme_staff, reviewer):
    from tests.factories import user_with_role

    application = in_review()
    services.application_decide(
        application_id=application.pk, outcome=Status.DECLINED, actor=programme_staff, message="x"
    )
    with pytest.raises(ValidationError):
        services.review_open(
            application_id=application.pk, reviewer=user_with_role("Bursary reviewers")
        )


def test_reviewers_see_others_reviews_only_after_submitting_their_own(in_review, reviewer):
    from tests.factories import user_with_role

    application = in_review()
    second = user_with_role("Bursary reviewers")
    services.review_open(application_id=application.pk, reviewer=second)
    assert selectors.reviews_visible_to(application=application, user=second) == []

    reviewed(application, second)

    visible = selectors.reviews_visible_to(application=application, user=second)
    assert {review.reviewer for review in visible} == {reviewer, second}
