"""Conflicts of interest: declared before or after reading, they keep the person away from
the application and out of its figures."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from bursaries import selectors, services
from bursaries.models import Application, Review
from sanctuary.models import AuditEvent

Status = Application.Status


def test_a_declared_conflict_keeps_the_reviewer_away_from_the_application(submit, reviewer):
    application = submit()
    services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)

    assert application not in selectors.application_list_for(user=reviewer)
    with pytest.raises(PermissionDenied):
        services.review_open(application_id=application.pk, reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        services.application_transition(
            application_id=application.pk, to_status=Status.IN_REVIEW, actor=reviewer
        )
    assert AuditEvent.objects.filter(actor=reviewer, action="application.conflict").exists()


def test_others_still_see_an_application_one_reviewer_declared_a_conflict_on(
    submit, reviewer, programme_staff
):
    from tests.factories import user_with_role

    application = submit()
    services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)
    assert application in selectors.application_list_for(user=programme_staff)
    assert application in selectors.application_list_for(user=user_with_role("Bursary reviewers"))


def test_a_conflict_declared_before_opening_says_so(submit, reviewer):
    application = submit()
    review = services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)
    assert review.opened_at is None
    assert review.conflict_declared_at is not None
    assert not review.conflict_after_viewing
    event = AuditEvent.objects.get(action="application.conflict")
    assert event.detail == {"after_viewing": False}


def test_a_conflict_declared_after_opening_is_recorded_as_after_viewing(submit, reviewer):
    application = submit()
    opened = services.review_open(application_id=application.pk, reviewer=reviewer)

    review = services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)

    assert review.pk == opened.pk
    assert review.conflict_of_interest
    assert review.opened_at == opened.opened_at
    assert review.conflict_declared_at >= review.opened_at
    assert review.conflict_after_viewing
    event = AuditEvent.objects.get(action="application.conflict", actor=reviewer)
    assert event.detail == {"after_viewing": True}
    assert application not in selectors.application_list_for(user=reviewer)


def test_a_conflict_declared_after_reviewing_takes_the_review_out_of_the_figures(
    in_review, reviewer, programme_staff
):
    application = in_review()
    services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)
    row = selectors.application_list_for(user=programme_staff).get(pk=application.pk)
    assert row.review_count == 0
    assert row.score_total is None
    review = Review.objects.get()
    assert review.need == 4  # what they wrote stays on record, for staff to read
    assert review.conflict_after_viewing


def test_staff_who_read_the_details_then_declare_a_conflict_are_recorded_as_after_viewing(
    submit, programme_staff
):
    application = submit()
    services.application_view_record(application=application, actor=programme_staff, page="details")
    review = services.review_declare_conflict(
        application_id=application.pk, reviewer=programme_staff
    )
    assert review.conflict_after_viewing
    assert review.opened_at is not None
    event = AuditEvent.objects.get(action="application.conflict")
    assert event.detail == {"after_viewing": True}


def test_staff_who_only_drafted_a_decision_message_have_read_the_application(
    submit, programme_staff, decision_templates
):
    application = submit()
    services.decision_message_preview_record(
        application=application,
        actor=programme_staff,
        outcome="declined",
        template=decision_templates["declined"],
    )
    review = services.review_declare_conflict(
        application_id=application.pk, reviewer=programme_staff
    )
    assert review.conflict_after_viewing


def test_only_seeing_who_it_is_from_does_not_count_as_reading_it(submit, reviewer):
    from sanctuary.services import audit_record

    seen = submit()
    services.application_view_record(application=seen, actor=reviewer, page="open")
    assert selectors.application_first_viewed_at(application=seen, user=reviewer) is None

    # A view recorded without a page (before pages were recorded) still counts as reading.
    read = submit(email="other@example.org")
    audit_record(actor=reviewer, action="application.view", obj=read)
    assert selectors.application_first_viewed_at(application=read, user=reviewer) is not None


def test_staff_with_a_conflict_cannot_decide_either(in_review, programme_staff):
    application = in_review()
    services.review_declare_conflict(application_id=application.pk, reviewer=programme_staff)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application_id=application.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("100"),
            message="Yes",
        )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
