"""Reads about bursaries for the public pages, the admin and reports. Lists are annotated in the
database, so a page's query count does not grow with the rows it shows."""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from bursaries import rules
from bursaries.models import (
    MESSAGE_STATUSES,
    ApplicantMessage,
    Application,
    DecisionTemplate,
    Fund,
    Opportunity,
    Review,
)
from sanctuary.models import AuditEvent, OutgoingMessage, User
from sanctuary.selectors import messages_about, messages_about_outer

MONEY = DecimalField(max_digits=11, decimal_places=2)
ZERO = Value(0, output_field=MONEY)

# How long a closed fund stays on the public list.
CLOSED_FUNDS_SHOWN_FOR = timedelta(days=365)


# Public pages -----------------------------------------------------------------------------------


def fund_list_public(*, today: date | None = None) -> list[Fund]:
    """Funds open now, then those opening soon, then those closed in the last year."""
    today = today or timezone.localdate()
    funds = list(Fund.objects.exclude(rules.fund_closed_q(today - CLOSED_FUNDS_SHOWN_FOR)))
    order = {Fund.State.OPEN: 0, Fund.State.UPCOMING: 1, Fund.State.CLOSED: 2}
    return sorted(funds, key=lambda fund: (order[fund.state_on(today)], fund.closes_on))


def fund_get_public(*, slug: str) -> Fund | None:
    return Fund.objects.filter(slug=slug).first()


def fund_next_opening(*, exclude_id: int | None = None, today: date | None = None) -> Fund | None:
    """Where to send someone who found a closed fund or was declined: a fund open now (the one
    that closes first), or else the next one to open. One query."""
    today = today or timezone.localdate()
    return (
        Fund.objects.exclude(rules.fund_closed_q(today))
        .exclude(pk=exclude_id)
        .annotate(upcoming=Case(When(rules.fund_open_q(today), then=Value(0)), default=Value(1)))
        .order_by("upcoming", "opens_on", "closes_on")
        .first()
    )


def opportunity_list_open(*, today: date | None = None) -> QuerySet[Opportunity]:
    today = today or timezone.localdate()
    return (
        Opportunity.objects.filter(is_active=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("venue")
    )


def application_get_by_token(*, token: str) -> Application | None:
    if not token:
        return None
    return (
        Application.objects.select_related("fund", "opportunity__venue")
        .filter(status_token=token, anonymised_at__isnull=True)
        .first()
    )


def application_by_submission_key(*, key: str) -> Application | None:
    """The application first sent with this one-time form key, if any."""
    return Application.objects.filter(submission_key=key).first()


def referral_list_for_organisation(*, organisation) -> QuerySet[Application]:
    """The referrals a partner organisation's workers sent through the portal, newest first
    (bursaries.rules.portal_referrals_q)."""
    return (
        Application.objects.filter(rules.portal_referrals_q(organisation))
        .select_related("fund", "opportunity")
        .order_by("-submitted_at", "-pk")
    )


def referral_get_for_organisation(*, organisation, pk: int) -> Application | None:
    """One of them, or None (another organisation's, or none at all: the same answer)."""
    return referral_list_for_organisation(organisation=organisation).filter(pk=pk).first()


def application_to_tell(*, application_id: int) -> Application:
    """An application as a message about it is sent (with its fund, for the fund's name)."""
    return Application.objects.select_related("fund").get(pk=application_id)


def applicant_message_sent(
    *, application: Application, message_id: int | None
) -> ApplicantMessage | None:
    """The words a message carries: the ones it was queued with, or (for messages queued
    before the words were kept with their id) the latest."""
    words = ApplicantMessage.objects.filter(application=application)
    if message_id is not None:
        words = words.filter(pk=message_id)
    return words.order_by("-created_at", "-pk").first()


def application_message_now(*, application: Application) -> ApplicantMessage | None:
    """What staff last wrote to the applicant, if it goes with where the application is now:
    the decision once decided, the question while more information is asked for."""
    if application.status not in MESSAGE_STATUSES:
        return None
    return (
        ApplicantMessage.objects.filter(application=application, status=application.status)
        .order_by("-created_at", "-pk")
        .first()
    )


# Funds in the admin -----------------------------------------------------------------------------


def fund_list_with_totals() -> QuerySet[Fund]:
    """Each fund with what it has awarded, what is left, and what is asked for but undecided."""
    return Fund.objects.annotate(
        awarded=rules.awarded_expression(),
        remaining=rules.remaining_expression(),
        requested_undecided=Coalesce(
            Sum(
                "applications__amount_requested",
                filter=rules.undecided_q(prefix="applications__"),
            ),
            rules.ZERO,
            output_field=rules.MONEY,
        ),
        application_count=Count("applications"),
    )


def funds_with_totals(*, fund_ids: list[int]) -> QuerySet[Fund]:
    return fund_list_with_totals().filter(pk__in=fund_ids)


def fund_with_totals(*, fund_id: int) -> Fund:
    return fund_list_with_totals().get(pk=fund_id)


# Applications in the admin ----------------------------------------------------------------------


def application_list_for(*, user: User) -> QuerySet[Application]:
    """The applications this person may see, with the figures the admin list shows.

    Someone who declared a conflict of interest never sees that application again. A reviewer
    sees how many reviews an application has and their average only once their own review of
    it is in: until then both are None, so that no column, sort order or export can tell them
    what the others think. Those who decide see every figure.
    """
    failed_message = messages_about_outer(Application).filter(status=OutgoingMessage.Status.FAILED)
    review_count = Count("reviews", filter=rules.review_counts_q(prefix="reviews__"))
    score_total = rules.score_total_expression()
    scores_visible = rules.may_see_scores_expression(user)
    if not rules.may_decide(user):
        review_count = Case(When(scores_visible, then=review_count), default=None)
        score_total = Case(When(scores_visible, then=score_total), default=None)
    applications = Application.objects.exclude(rules.declared_conflict_q(user))
    return applications.select_related("fund", "opportunity", "referrer_organisation").annotate(
        review_count=review_count,
        score_total=score_total,
        scores_visible=scores_visible,
        has_failed_message=Exists(failed_message),
        reviewable=ExpressionWrapper(rules.reviewable_q(user), output_field=BooleanField()),
    )


def review_list_for(*, user: User) -> QuerySet[Review]:
    """The reviews this person may see: everyone's for those who decide, a reviewer's own for a
    reviewer; never on an application they declared a conflict of interest on."""
    reviews = Review.objects.select_related("application", "reviewer").filter(
        application__in=application_list_for(user=user).values("pk")
    )
    if not rules.may_decide(user):
        reviews = reviews.filter(reviewer=user)
    return reviews


def application_first_viewed_at(*, application: Application, user: User):
    """When this person first read the application's details in the admin, if ever: on its
    page, where they review it, or in a decision message they drafted (which quotes its name and
    words). The page before opening it shows only who it is from: it does not count."""
    return (
        _application_events(application=application)
        .filter(actor=user, action__in=["application.view", "application.preview_message"])
        .exclude(detail__has_key="page", detail__page="open")
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def review_of(*, application: Application, user: User) -> Review | None:
    return Review.objects.filter(application=application, reviewer=user).first()


def reviews_visible_to(*, application: Application, user: User) -> list[Review]:
    """Everyone's reviews for those who decide, and for a reviewer once their own review is
    in; until then, only their own. Reviews not yet submitted are left out; declared conflicts
    of interest are kept in, so that those who decide see them."""
    reviews = [
        review
        for review in Review.objects.filter(application=application).select_related("reviewer")
        if review.submitted_at is not None or review.conflict_of_interest
    ]
    if rules.may_see_scores(user=user, reviews=reviews):
        return reviews
    return [review for review in reviews if review.reviewer_id == user.pk]


def decision_templates(*, outcome: str) -> QuerySet[DecisionTemplate]:
    return DecisionTemplate.objects.filter(outcome=outcome, is_active=True)


def message_key_prefix(application_id: int) -> str:
    """Every message about an application has a dedupe key that starts with this."""
    return f"bursary:application:{application_id}:"


def applicant_messages(*, application: Application) -> QuerySet[ApplicantMessage]:
    """What staff wrote to the applicant, oldest first."""
    return ApplicantMessage.objects.filter(application=application).select_related("written_by")


def application_messages(*, application: Application) -> QuerySet[OutgoingMessage]:
    return messages_about(application).order_by("created_at")


def _application_events(*, application: Application) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id=str(application.pk),
    )


def application_history(*, application: Application) -> QuerySet[AuditEvent]:
    return (
        _application_events(application=application)
        .select_related("actor")
        .order_by("created_at", "pk")
    )
