"""The yes/no rules of bursaries, each written once, beside the actions that use them.

A rule that selectors need for many rows comes as a `*_q` (a Q or an expression, in SQL) and,
for one row (in a service, under its lock), as an `is_*` / `may_*` function; tests check that
the two agree on the same rows. Views, forms, admin pages, templates (through their context)
and services ask these functions; none writes the condition again.
"""

from datetime import date
from decimal import Decimal

from django.db.models import (
    Avg,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from bursaries.models import OPEN_STATUSES, Application, Fund, Review
from sanctuary.models import User

DECIDE = "bursaries.decide_application"
REVIEW = "bursaries.add_review"

MONEY = DecimalField(max_digits=11, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)
NOTHING = Q(pk__isnull=True)  # no row: a primary key is never null


# Who does what ----------------------------------------------------------------------------------


def may_decide(user: User) -> bool:
    """Programme staff decide: approve, decline, ask for more information, withdraw, remove
    personal details, and see every review and figure."""
    return user.has_perm(DECIDE)


def is_reviewer(user: User) -> bool:
    """Bursary reviewers (and programme staff, who hold the same permission) review."""
    return user.has_perm(REVIEW)


def may_see_messages(user: User) -> bool:
    """The messages sent to applicants (the outbox): whether one could not be sent, and to
    whom it went."""
    return user.has_perm("sanctuary.view_outgoingmessage")


def may_see_contact_details(user: User) -> bool:
    """How to reach the applicant (email, phone, referrer's email): only for those who decide
    and tell them."""
    return may_decide(user)


def may_move_to(*, user: User, application: Application, to_status: str) -> bool:
    """Who may move an application to a status: programme staff, to any status; reviewers
    only put it in review (by submitting a review). Nobody who declared a conflict of interest
    on it. (Which statuses it may become at all is Application.next_statuses.)"""
    if not (may_decide(user) or (to_status == Application.Status.IN_REVIEW and is_reviewer(user))):
        return False
    return not has_declared_conflict(user=user, application=application)


# Conflicts of interest and reviewing ------------------------------------------------------------


def declared_conflict_q(user: User) -> Exists:
    """Applications on which this person declared a conflict of interest (they never see them
    again)."""
    conflict = Review.objects.filter(
        application=OuterRef("pk"), reviewer=user, conflict_of_interest=True
    )
    return Exists(conflict)


def has_declared_conflict(*, user: User, application: Application) -> bool:
    return Review.objects.filter(
        application_id=application.pk, reviewer=user, conflict_of_interest=True
    ).exists()


def is_undecided(application: Application) -> bool:
    """Still open: submitted, in review or waiting for more information (not approved, declined
    or withdrawn)."""
    return application.status in OPEN_STATUSES


def undecided_q(*, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": OPEN_STATUSES})


def is_reviewable_q() -> Q:
    """Applications still waiting for a decision, with someone to review: open and not
    anonymised."""
    return undecided_q() & Q(anonymised_at__isnull=True)


def is_reviewable(application: Application) -> bool:
    return is_undecided(application) and application.anonymised_at is None


def reviewable_q(user: User) -> Q:
    """The applications this person may review: they are a reviewer, the application is
    reviewable, and they have not declared a conflict of interest on it."""
    if not is_reviewer(user):
        return NOTHING
    return is_reviewable_q() & ~declared_conflict_q(user)


def review_refusal(user: User, application: Application) -> str | None:
    """Why this person may not review this application (see reviewable_q), or None if they
    may: "not_reviewer", "decided", "anonymised" or "conflict"."""
    if not is_reviewer(user):
        return "not_reviewer"
    if not is_reviewable(application):
        return "anonymised" if is_undecided(application) else "decided"
    if has_declared_conflict(user=user, application=application):
        return "conflict"
    return None


def may_review(user: User, application: Application) -> bool:
    """One application: see reviewable_q."""
    return review_refusal(user, application) is None


def review_counts_q(*, prefix: str = "") -> Q:
    """Reviews that count in the figures: submitted, and not set aside by a conflict of
    interest."""
    return Q(**{f"{prefix}submitted_at__isnull": False, f"{prefix}conflict_of_interest": False})


def review_counts(review: Review) -> bool:
    return review.submitted_at is not None and not review.conflict_of_interest


def own_review_submitted_q(user: User) -> Exists:
    """Applications this person has submitted a review of (that still counts)."""
    own = Review.objects.filter(review_counts_q(), application=OuterRef("pk"), reviewer=user)
    return Exists(own)


def may_see_scores_expression(user: User):
    """Whether this person may see what the other reviewers think of an application (their
    reviews, the count, the average), for an annotation: those who decide, always; a reviewer
    once their own review is in, so that nothing tells them beforehand."""
    if may_decide(user):
        return Value(True)
    return own_review_submitted_q(user)


def may_see_scores(*, user: User, reviews: list[Review]) -> bool:
    """One application, given its reviews: see may_see_scores_expression."""
    return may_decide(user) or any(
        review.reviewer_id == user.pk and review_counts(review) for review in reviews
    )


# The average score ------------------------------------------------------------------------------


def score_total_expression(*, prefix: str = "reviews__"):
    """The mean, over the reviews that count, of each review's total (need + benefit + fit),
    for an annotation (None with no review)."""
    return Avg(
        F(f"{prefix}need") + F(f"{prefix}benefit") + F(f"{prefix}fit"),
        filter=review_counts_q(prefix=prefix),
    )


def score_total(reviews: list[Review]) -> Decimal | None:
    """One application, given its reviews: see score_total_expression."""
    totals = [r.need + r.benefit + r.fit for r in reviews if review_counts(r)]
    if not totals:
        return None
    return Decimal(sum(totals)) / len(totals)


def average_score(total: Decimal | int | float | None) -> Decimal | None:
    """The average score out of 5, to one decimal place, from a total out of 15 (one review's,
    or score_total's mean): the one rounding every page and the export use."""
    if total is None:
        return None
    return (Decimal(str(total)) / 3).quantize(Decimal("0.1"))


# The fund's budget ------------------------------------------------------------------------------


def awarded_expression(*, prefix: str = "applications__"):
    """What a fund has awarded (its approved applications' awards), for an annotation."""
    return Coalesce(
        Sum(
            f"{prefix}amount_awarded",
            filter=Q(**{f"{prefix}status": Application.Status.APPROVED}),
        ),
        ZERO,
        output_field=MONEY,
    )


def remaining_expression(*, prefix: str = "applications__"):
    """What is left of a fund's budget, for an annotation."""
    return F("budget") - awarded_expression(prefix=prefix)


def fund_awarded(fund: Fund) -> Decimal:
    """What the fund has awarded so far. Read it with the fund's row locked to rely on it."""
    return Application.objects.filter(
        fund_id=fund.pk, status=Application.Status.APPROVED
    ).aggregate(total=Coalesce(Sum("amount_awarded"), Decimal("0.00")))["total"]


def fund_remaining(fund: Fund) -> Decimal:
    """What is left of one fund's budget (as the fund object says it is now): see
    remaining_expression."""
    return fund.budget - fund_awarded(fund)


def is_within_budget(fund: Fund, amount: Decimal) -> bool:
    """Whether the fund can still award this amount. With amount 0: whether its budget (as
    staff are setting it) still covers what it has awarded."""
    return amount <= fund_remaining(fund)


def within_budget_q(amount: Decimal) -> Q:
    """The funds (annotated with remaining_expression as `remaining`) that can still award
    this amount: see is_within_budget."""
    return Q(remaining__gte=amount)


# The fund's dates -------------------------------------------------------------------------------


def fund_state(fund: Fund, today: date) -> str:
    """Upcoming before the day it opens, closed after its last day, open in between."""
    if today < fund.opens_on:
        return Fund.State.UPCOMING
    if is_fund_closed(fund, today):
        return Fund.State.CLOSED
    return Fund.State.OPEN


def fund_open_q(today: date) -> Q:
    """Funds taking applications on this day (from the day they open to the last day)."""
    return Q(opens_on__lte=today) & ~fund_closed_q(today)


def is_fund_open(fund: Fund, today: date) -> bool:
    return fund_state(fund, today) == Fund.State.OPEN


def fund_closed_q(today: date) -> Q:
    """Funds whose last day to apply is over by this day."""
    return Q(closes_on__lt=today)


def is_fund_closed(fund: Fund, today: date) -> bool:
    return fund.closes_on < today


# What a partner organisation sees in the portal -------------------------------------------------


def portal_referrals_q(organisation, *, prefix: str = "") -> Q:
    """The applications a partner organisation's workers follow in the portal: those its
    workers sent through it, and no others (an applicant naming the organisation on the public
    form shows their application to nobody)."""
    if organisation is None:
        return NOTHING
    return Q(**{f"{prefix}portal_organisation": organisation.pk})


def is_portal_referral_of(application: Application, organisation) -> bool:
    """One application: see portal_referrals_q."""
    return organisation is not None and application.portal_organisation_id == organisation.pk
