"""Reviewing: declaring a conflict of interest, opening an application, scoring it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bursaries.models import Application, Review
from bursaries.rules import review_refusal
from bursaries.selectors import application_first_viewed_at
from bursaries.services.deciding import application_transition
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record


def _review_for(*, application: Application, reviewer: User) -> Review | None:
    return Review.objects.filter(application=application, reviewer=reviewer).first()


def _check_may_review(
    *, reviewer: User, application: Application, conflict_allowed: bool = False
) -> None:
    """Raise unless the reviewer may review the application (bursaries.rules.may_review);
    declaring a conflict again is allowed (and changes nothing)."""
    refusal = review_refusal(reviewer, application)
    if refusal == "decided":
        raise ValidationError(_("This application has been decided."), code="decided")
    if refusal == "anonymised":
        raise ValidationError(_("This application has been anonymised."), code="anonymised")
    if refusal == "not_reviewer" or (refusal == "conflict" and not conflict_allowed):
        raise PermissionDenied


@transaction.atomic
def review_declare_conflict(*, application_id: int, reviewer: User) -> Review:
    """The reviewer knows the person, or has another interest: keep them away from it.

    Best declared before opening the details. Declared later, it still keeps them away and
    takes their scores out of the figures, and the record says honestly that it came after
    they had read the application (opened_at, and the audit trail's "after_viewing").
    """
    application = lock_row(Application, application_id)
    _check_may_review(reviewer=reviewer, application=application, conflict_allowed=True)
    review = _review_for(application=application, reviewer=reviewer)
    if review is not None and review.conflict_of_interest:
        return review
    if review is None:
        # Programme staff see the details without opening them first: their first look counts.
        review = Review(
            application=application,
            reviewer=reviewer,
            opened_at=application_first_viewed_at(application=application, user=reviewer),
        )
    review.conflict_of_interest = True
    review.conflict_declared_at = timezone.now()
    review.full_clean()
    review.save()
    audit_record(
        actor=reviewer,
        action="application.conflict",
        obj=application,
        detail={"after_viewing": review.conflict_after_viewing},
    )
    return review


@transaction.atomic
def review_open(*, application_id: int, reviewer: User) -> Review:
    """The reviewer says they have no conflict of interest and opens the application."""
    application = lock_row(Application, application_id)
    _check_may_review(reviewer=reviewer, application=application)
    review = _review_for(application=application, reviewer=reviewer)
    if review is not None:
        return review
    review = Review(application=application, reviewer=reviewer, opened_at=timezone.now())
    review.full_clean()
    review.save()
    audit_record(actor=reviewer, action="application.open", obj=application)
    return review


@transaction.atomic
def review_submit(
    *,
    application_id: int,
    reviewer: User,
    need: int,
    benefit: int,
    fit: int,
    recommendation: str,
    comment: str = "",
) -> Review:
    """Score an application on the rubric and recommend an outcome. One review per reviewer per
    application, and once submitted it is final: nobody changes it afterwards, so that what a
    reviewer thought before seeing the others' reviews stays on record. The first review puts
    a newly submitted application in review."""
    application = lock_row(Application, application_id)
    _check_may_review(reviewer=reviewer, application=application)
    review = _review_for(application=application, reviewer=reviewer)
    if review is None:
        raise ValidationError(
            _("Say first whether you have a conflict of interest."), code="not_opened"
        )
    if review.submitted_at is not None:
        raise ValidationError(
            _("You have already submitted your review. A submitted review cannot be changed."),
            code="already_submitted",
        )
    review.need, review.benefit, review.fit = need, benefit, fit
    review.recommendation = recommendation
    review.comment = comment.strip()
    review.submitted_at = timezone.now()
    review.full_clean()
    review.save()
    audit_record(
        actor=reviewer,
        action="review.submit",
        obj=application,
        detail={"recommendation": recommendation},
    )
    if application.status == Application.Status.SUBMITTED:
        application_transition(
            application_id=application.pk, to_status=Application.Status.IN_REVIEW, actor=reviewer
        )
    return review
