"""Applications: one person's request for a bursary, the statuses it moves through, and the
words staff sent them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField

from sanctuary.models import language_choices

MONEY = {"max_digits": 9, "decimal_places": 2}


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

    reference = models.CharField(
        pgettext_lazy("bursary application", "reference"),
        max_length=12,
        unique=True,
        editable=False,
    )
    status_token = models.CharField(_("status link token"), max_length=64, unique=True)
    fund = models.ForeignKey(
        "bursaries.Fund",
        verbose_name=_("fund"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    opportunity = models.ForeignKey(
        "bursaries.Opportunity",
        verbose_name=_("opportunity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    own_words = models.TextField(_("what they would like to do, in their words"), blank=True)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100, blank=True)
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
        "partners.PartnerOrganisation",
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    # The organisation whose worker sent it through the partner portal: only that
    # organisation's workers see it there (bursaries.rules.portal_referrals_q). Naming an
    # organisation on the public form (referrer_organisation) shows it to nobody.
    portal_organisation = models.ForeignKey(
        "partners.PartnerOrganisation",
        verbose_name=_("sent through the portal by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="portal_referrals",
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
        """Not decided yet (bursaries.rules.is_undecided)."""
        from bursaries.rules import is_undecided

        return is_undecided(self)

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
