"""Setting bursaries up: the funds, what they pay for, and the
words staff start from when they decide."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bursaries.models.applications import MONEY, Application


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
        """Open, upcoming or closed on this day (bursaries.rules.fund_state)."""
        from bursaries.rules import fund_state

        return fund_state(self, day)

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
