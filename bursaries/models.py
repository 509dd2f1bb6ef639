"""Bursaries: the funds, what they pay for, who refers people, applications, reviews and the
words staff start from when they decide.

Every write goes through bursaries/services.py; reads for pages, admin and reports live in
bursaries/selectors.py.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from sanctuary.models import language_choices

MONEY = {"max_digits": 9, "decimal_places": 2}


class PartnerOrganisation(models.Model):
    """A charity or group that refers people for bursaries."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active partners are offered on the form.")
    )

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Fund(models.Model):
    """Money for bursaries, open for applications between two dates. Its public text is
    translated in the admin (see bursaries/translation.py) and falls back to English."""

    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Opens soon")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    covers = models.TextField(
        _("what it covers"),
        blank=True,
        help_text=_("In plain words: what a bursary from this fund can pay for."),
    )
    how_decided = models.TextField(
        _("how decisions are made"),
        blank=True,
        help_text=_("In plain words: who decides, how, and how long it takes."),
    )
    budget = models.DecimalField(
        _("budget (£)"), **MONEY, validators=[MinValueValidator(Decimal("0"))]
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day to apply."))

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="fund_closes_after_it_opens",
            ),
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="fund_budget_positive"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bursaries:fund", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A fund cannot close before it opens.")})

    def state_on(self, day: date) -> str:
        from bursaries.rules import is_fund_open

        if is_fund_open(self, day):
            return self.State.OPEN
        return self.State.UPCOMING if day < self.opens_on else self.State.CLOSED

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())

    @property
    def is_open(self) -> bool:
        """Taking applications today (bursaries.rules.is_fund_open)."""
        return self.state == self.State.OPEN


class Opportunity(models.Model):
    """Something a bursary can pay for: a course, a workshop, youth theatre, training or
    tickets, at one of the venues."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        WORKSHOP = "workshop", _("Workshop")
        YOUTH_THEATRE = "youth_theatre", _("Youth theatre")
        TRAINING = "training", _("Training")
        TICKETS = "tickets", _("Tickets")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    schedule = models.CharField(
        _("when"), max_length=200, blank=True, help_text=_("For example: Saturdays, 10am to 12.")
    )
    venue = models.ForeignKey(
        "venues.Venue", verbose_name=_("venue"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active opportunities are offered.")
    )

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["starts_on", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("It cannot end before it starts.")})


class Application(models.Model):
    """One person's request for a bursary. People apply without an account; they follow it
    through a private link. Names, contact details and statements are removed a set time after
    the decision, or after they applied if it was never decided (see
    services.applications_anonymise), or sooner if they ask (services.application_anonymise);
    amounts and statuses stay."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        MORE_INFORMATION = "more_information", _("More information requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Contact(models.TextChoices):
        EMAIL = "email", _("By email")
        PHONE = "phone", _("By text message to my mobile")
        REFERRER = "referrer", _("Through the person who referred me")

    class Support(models.TextChoices):
        COURSE_FEE = "course_fee", _("Course fee")
        TRAVEL = "travel", _("Travel")
        CHILDCARE = "childcare", _("Childcare")
        FOOD = "food", _("Food")
        KIT = "kit", _("Kit or materials")
        TICKETS = "tickets", _("Tickets")

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    status_token = models.CharField(_("status link token"), max_length=64, unique=True)
    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="applications"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    own_words = models.TextField(_("what they would like to do, in their words"), blank=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    contact_method = models.CharField(
        _("how to reach them"), max_length=10, choices=Contact.choices
    )
    email = models.EmailField(_("email"), blank=True)
    phone = PhoneNumberField(_("mobile"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    support = models.JSONField(_("support needed"), default=list, blank=True)
    amount_requested = models.DecimalField(_("requested (£)"), **MONEY)
    statement = models.TextField(_("what it would mean to them"), blank=True)
    referrer_organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    referrer_name = models.CharField(_("referrer's name"), max_length=100, blank=True)
    referrer_email = models.EmailField(_("referrer's email"), blank=True)
    privacy_consent_at = models.DateTimeField(_("agreed to the privacy notice"))
    referrer_consent_at = models.DateTimeField(
        _("agreed we may talk to the referrer"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    amount_awarded = models.DecimalField(_("awarded (£)"), **MONEY, null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # The one-time key the form carried: the same form sent again (a double tap, a retry after
    # a lost reply) finds this application instead of making another. None for older rows.
    submission_key = models.CharField(
        _("submission key"), max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        permissions = [
            ("decide_application", _("Can decide on applications")),
            ("export_application", _("Can export applications")),
        ]
        indexes = [models.Index(fields=["status", "decided_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_requested__gt=0), name="application_requests_money"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_awarded__isnull=True) | models.Q(amount_awarded__gte=0),
                name="application_award_not_negative",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(amount_awarded__isnull=False),
                name="application_approved_has_an_award",
            ),
            # Withdrawn, declined or reopened: the money is back in the fund.
            models.CheckConstraint(
                condition=models.Q(status="approved") | models.Q(amount_awarded__isnull=True),
                name="application_only_approved_has_an_award",
            ),
        ]

    def __str__(self):
        # The reference only: this is what the audit trail and the admin's messages show.
        return self.reference

    def clean(self):
        super().clean()
        if self.anonymised_at is not None:
            return
        errors = {}
        if not self.name.strip():
            errors["name"] = _("Tell us what to call you.")
        if self.contact_method == self.Contact.EMAIL and not self.email:
            errors["email"] = _("Give your email address, or choose another way to reach you.")
        if self.contact_method == self.Contact.PHONE and not self.phone:
            errors["phone"] = _("Give your mobile number, or choose another way to reach you.")
        if self.contact_method == self.Contact.REFERRER and not self.referrer_email:
            errors["referrer_email"] = _(
                "Give the email address of the person who referred you, or choose another way "
                "to reach you."
            )
        if self.opportunity_id is None and not self.own_words.strip():
            errors["own_words"] = _("Choose something from the list, or tell us in your own words.")
        if not isinstance(self.support, list) or not self.support:
            errors["support"] = _("Tick at least one thing you need help with.")
        elif set(self.support) - set(self.Support.values):
            errors["support"] = _("Tick only the things on the list.")
        if not self.statement.strip():
            errors["statement"] = _("Tell us in a few sentences what it would mean to you.")
        has_referrer = bool(
            self.referrer_organisation_id
            or self.referrer_name.strip()
            or self.contact_method == self.Contact.REFERRER
        )
        if has_referrer and self.referrer_consent_at is None:
            errors["referrer_consent_at"] = _(
                "Tick the box if we may talk to the person who referred you, or leave their "
                "details out."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def next_statuses(self) -> list[str]:
        if self.anonymised_at is not None:
            # Nobody left to review or to tell: it can only be closed.
            return [s for s in (Application.Status.WITHDRAWN,) if s in TRANSITIONS[self.status]]
        return [status for status in Application.Status if status in TRANSITIONS[self.status]]

    def support_labels(self) -> list[str]:
        return [str(self.Support(code).label) for code in self.support if code in self.Support]


# What an application's status may become: the one rule book for application_transition.
TRANSITIONS: dict[str, frozenset[str]] = {
    Application.Status.SUBMITTED: frozenset(
        {
            Application.Status.IN_REVIEW,
            Application.Status.MORE_INFORMATION,
            Application.Status.DECLINED,
            Application.Status.WITHDRAWN,
        }
    ),
    Application.Status.IN_REVIEW: frozenset(
        {
            Application.Status.MORE_INFORMATION,
            Application.Status.APPROVED,
            Application.Status.DECLINED,
            Application.Status.WITHDRAWN,
        }
    ),
    Application.Status.MORE_INFORMATION: frozenset(
        {
            Application.Status.IN_REVIEW,
            Application.Status.APPROVED,
            Application.Status.DECLINED,
            Application.Status.WITHDRAWN,
        }
    ),
    # Someone who can no longer take part gives the money back to the fund.
    Application.Status.APPROVED: frozenset({Application.Status.WITHDRAWN}),
    Application.Status.DECLINED: frozenset(),
    Application.Status.WITHDRAWN: frozenset(),
}
OPEN_STATUSES = (
    Application.Status.SUBMITTED,
    Application.Status.IN_REVIEW,
    Application.Status.MORE_INFORMATION,
)
FINAL_STATUSES = (
    Application.Status.APPROVED,
    Application.Status.DECLINED,
    Application.Status.WITHDRAWN,
)
# The statuses that come with words from staff to the applicant (ApplicantMessage).
MESSAGE_STATUSES = (
    Application.Status.APPROVED,
    Application.Status.DECLINED,
    Application.Status.MORE_INFORMATION,
)


_SCORE = {"null": True, "blank": True, "validators": [MinValueValidator(1), MaxValueValidator(5)]}


class Review(models.Model):
    """One reviewer's scores for one application, or their declared conflict of interest.

    A reviewer first either declares a conflict (and is kept away from the application) or
    opens it (opened_at); the review counts once it is submitted. A conflict noticed only after
    opening it may still be declared: opened_at then shows it came after they read the details,
    and their scores, if any, stop counting.
    """

    class Recommendation(models.TextChoices):
        YES = "yes", _("Yes")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("No")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    conflict_declared_at = models.DateTimeField(
        _("conflict of interest declared"), null=True, blank=True
    )
    need = models.PositiveSmallIntegerField(_("need"), **_SCORE)
    benefit = models.PositiveSmallIntegerField(_("benefit"), **_SCORE)
    fit = models.PositiveSmallIntegerField(_("fit with the programme"), **_SCORE)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    opened_at = models.DateTimeField(
        _("opened"), null=True, blank=True, help_text=_("When they first saw the details.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_one_per_reviewer"
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True)
                | models.Q(conflict_of_interest=True)
                | (
                    models.Q(need__isnull=False)
                    & models.Q(benefit__isnull=False)
                    & models.Q(fit__isnull=False)
                    & ~models.Q(recommendation="")
                ),
                name="review_submitted_is_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(conflict_of_interest=False, conflict_declared_at__isnull=True)
                | models.Q(conflict_of_interest=True, conflict_declared_at__isnull=False),
                name="review_conflict_has_a_date",
            ),
            models.CheckConstraint(
                condition=(models.Q(need__isnull=True) | models.Q(need__range=(1, 5)))
                & (models.Q(benefit__isnull=True) | models.Q(benefit__range=(1, 5)))
                & (models.Q(fit__isnull=True) | models.Q(fit__range=(1, 5))),
                name="review_scores_one_to_five",
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.reviewer}"

    @property
    def conflict_after_viewing(self) -> bool:
        return self.conflict_of_interest and self.opened_at is not None


class ApplicantMessage(models.Model):
    """What staff wrote to an applicant with a decision or a question, kept exactly as sent:
    the private status page shows it, and a message sent again says the same, whatever later
    happens to the templates or the application. Emptied when the application is anonymised."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    status = models.CharField(_("sent with"), max_length=20, choices=Application.Status.choices)
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    body = models.TextField(_("message"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message to the applicant")
        verbose_name_plural = _("messages to the applicant")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application} · {self.get_status_display()}"


class DecisionTemplate(models.Model):
    """The words staff start from when they tell someone the outcome. Translated in the admin;
    the applicant's language is used. {name} and {amount} are filled in."""

    class Outcome(models.TextChoices):
        APPROVED = Application.Status.APPROVED.value, Application.Status.APPROVED.label
        DECLINED = Application.Status.DECLINED.value, Application.Status.DECLINED.label
        MORE_INFORMATION = (
            Application.Status.MORE_INFORMATION.value,
            Application.Status.MORE_INFORMATION.label,
        )

    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("For staff, for example “Decline: next round”.")
    )
    body = models.TextField(
        _("message"),
        help_text=_(
            "Write {name} for the name they gave and {amount} for the amount awarded. "
            "Keep it kind and plain: phones are often shared."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("decision template")
        verbose_name_plural = _("decision templates")
        ordering = ["outcome", "position", "name"]

    def __str__(self):
        return self.name
