"""Reads about bursaries for the public pages, the admin and reports. Lists are annotated in the
database, so a page's query count does not grow with the rows it shows."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from bursaries.models import (
    MESSAGE_STATUSES,
    OPEN_STATUSES,
    ApplicantMessage,
    Application,
    DecisionTemplate,
    Fund,
    Opportunity,
    PartnerOrganisation,
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
    funds = list(Fund.objects.filter(closes_on__gte=today - CLOSED_FUNDS_SHOWN_FOR))
    order = {Fund.State.OPEN: 0, Fund.State.UPCOMING: 1, Fund.State.CLOSED: 2}
    return sorted(funds, key=lambda fund: (order[fund.state_on(today)], fund.closes_on))


def fund_get_public(*, slug: str) -> Fund | None:
    return Fund.objects.filter(slug=slug).first()


def fund_next_opening(*, exclude_id: int | None = None, today: date | None = None) -> Fund | None:
    """Where to send someone who found a closed fund or was declined: a fund open now (the one
    that closes first), or else the next one to open. One query."""
    today = today or timezone.localdate()
    return (
        Fund.objects.filter(closes_on__gte=today)
        .exclude(pk=exclude_id)
        .annotate(upcoming=Case(When(opens_on__gt=today, then=Value(1)), default=Value(0)))
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


def partner_list_active() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(is_active=True)


def application_get_by_token(*, token: str) -> Application | None:
    if not token:
        return None
    return (
        Application.objects.select_related("fund", "opportunity__venue")
        .filter(status_token=token, anonymised_at__isnull=True)
        .first()
    )


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
    awarded = Coalesce(
        Sum("applications__amount_awarded", filter=Q(applications__status="approved")),
        ZERO,
        output_field=MONEY,
    )
    return Fund.objects.annotate(
        awarded=awarded,
        remaining=F("budget") - awarded,
        requested_undecided=Coalesce(
            Sum(
                "applications__amount_requested",
                filter=Q(applications__status__in=OPEN_STATUSES),
            ),
            ZERO,
            output_field=MONEY,
        ),
        application_count=Count("applications"),
    )


def fund_with_totals(*, fund_id: int) -> Fund:
    return fund_list_with_totals().get(pk=fund_id)


def fund_awarded(*, fund_id: int) -> Decimal:
    """What the fund has awarded so far. Read it with the fund's row locked to rely on it."""
    return Application.objects.filter(
        fund_id=fund_id, status=Application.Status.APPROVED
    ).aggregate(total=Coalesce(Sum("amount_awarded"), Decimal("0.00")))["total"]


# Applications in the admin ----------------------------------------------------------------------


def _submitted_reviews(prefix: str = "reviews__") -> Q:
    return Q(**{f"{prefix}submitted_at__isnull": False, f"{prefix}conflict_of_interest": False})


def application_list_for(*, user: User) -> QuerySet[Application]:
    """The applications this person may see, with the figures the admin list shows.

    Someone who declared a conflict of interest never sees that application again. A reviewer
    sees how many reviews an application has and their average only once their own review of
    it is in: until then both are None, so that no column, sort order or export can tell them
    what the others think. Those who decide see every figure.
    """
    conflict = Review.objects.filter(
        application=OuterRef("pk"), reviewer=user, conflict_of_interest=True
    )
    own_review_submitted = Review.objects.filter(
        application=OuterRef("pk"),
        reviewer=user,
        conflict_of_interest=False,
        submitted_at__isnull=False,
    )
    failed_message = messages_about_outer(Application).filter(status=OutgoingMessage.Status.FAILED)
    review_count = Count("reviews", filter=_submitted_reviews())
    score_total = Avg(
        F("reviews__need") + F("reviews__benefit") + F("reviews__fit"),
        filter=_submitted_reviews(),
    )
    if user.has_perm("bursaries.decide_application"):
        scores_visible = Value(True)
    else:
        # Reviewers see what others think only after they have said what they think.
        scores_visible = Exists(own_review_submitted)
        review_count = Case(When(scores_visible, then=review_count), default=None)
        score_total = Case(When(scores_visible, then=score_total), default=None)
    applications = Application.objects.filter(~Exists(conflict))
    return applications.select_related("fund", "opportunity", "referrer_organisation").annotate(
        review_count=review_count,
        score_total=score_total,
        scores_visible=scores_visible,
        has_failed_message=Exists(failed_message),
    )


def application_has_conflict(*, application_id: int, user: User) -> bool:
    return Review.objects.filter(
        application_id=application_id, reviewer=user, conflict_of_interest=True
    ).exists()


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
    if user.has_perm("bursaries.decide_application") or any(
        review.reviewer_id == user.pk and review.is_submitted for review in reviews
    ):
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
