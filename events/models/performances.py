"""Performances and their free seats for sanctuary guests.

A performance has one guest allocation: a number of guest seats and of companion seats for
hosts. The guest seats are split into quotas, one per partner organisation (and one, with no
organisation, that the theatre keeps for its own drop-in regulars). Whatever no quota holds is
the shared pool, which its waiting list draws on. Partners name guest parties against their
quota; at the release deadline the seats a partner has not named go back to the pool.

Seats are people: a ticket's `guests` count against its quota (or the pool) and the
allocation's guest seats, its `hosts` against the allocation's companion seats. Every write
that takes or moves seats locks the allocation's row first (events.services).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from partners.models import PartnerOrganisation
from sanctuary.models import language_choices
from venues.models import Venue

# The most guests, and the most hosts, one ticket can hold; bigger groups talk to the team.
MAX_GUESTS = 10
MAX_HOSTS = 6


class Performance(models.Model):
    """A show at one of the venues. Its public text is translated in the admin
    (events/translation.py) and falls back to English."""

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="performances"
    )
    starts_at = models.DateTimeField(_("starts"))
    doors_at = models.DateTimeField(_("doors open"))
    running_minutes = models.PositiveSmallIntegerField(
        _("running time (minutes)"), validators=[MinValueValidator(1)]
    )
    description = models.TextField(_("description"), blank=True)
    # After the night: what was raised, and for which partner charity.
    donations_total = models.DecimalField(
        _("donations raised (£)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    donations_partner = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("donations raised for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("performance")
        verbose_name_plural = _("performances")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(doors_at__lte=models.F("starts_at")), name="performance_doors_first"
            ),
        ]

    def __str__(self):
        return self.title


class GuestAllocation(models.Model):
    """The free seats a performance keeps for sanctuary guests, and for the hosts who come
    with them."""

    performance = models.OneToOneField(
        Performance,
        verbose_name=_("performance"),
        on_delete=models.PROTECT,
        related_name="allocation",
    )
    seats = models.PositiveIntegerField(_("guest seats"))
    companion_seats = models.PositiveIntegerField(_("companion seats for hosts"), default=0)
    release_at = models.DateTimeField(
        _("release deadline"),
        help_text=_("Seats a partner has not named by then go back to the shared pool."),
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("guest allocation")
        verbose_name_plural = _("guest allocations")

    def __str__(self):
        return str(self.performance)


class GuestQuota(models.Model):
    """The seats of an allocation one partner names guests for; with no organisation, the
    seats the theatre keeps for its own drop-in regulars."""

    allocation = models.ForeignKey(
        GuestAllocation,
        verbose_name=_("allocation"),
        on_delete=models.CASCADE,
        related_name="quotas",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guest_quotas",
        help_text=_("Leave empty for the seats the theatre keeps for its own guests."),
    )
    seats = models.PositiveIntegerField(_("seats"))
    # Seats given back to the pool at the release deadline (kept for the figures).
    released_seats = models.PositiveIntegerField(_("seats released"), default=0)

    class Meta:
        verbose_name = _("partner quota")
        verbose_name_plural = _("partner quotas")
        ordering = ["allocation", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "organisation"], name="one_quota_per_partner"
            ),
            models.UniqueConstraint(
                fields=["allocation"],
                condition=Q(organisation__isnull=True),
                name="one_theatre_quota",
            ),
        ]

    def __str__(self):
        return str(self.organisation or _("The theatre's own guests"))


class GuestTicket(models.Model):
    """Free seats for one party of sanctuary guests (and the hosts who come with them), named
    by a partner worker, claimed by the guest through a link, or given from the pool.

    Only a first name, how many people, a language, access needs and, if they like, a way to
    reach them. Never anything about immigration status, nationality or documents.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    allocation = models.ForeignKey(
        GuestAllocation,
        verbose_name=_("allocation"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    # None: a seat from the shared pool.
    quota = models.ForeignKey(
        GuestQuota,
        verbose_name=_("quota"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    token = models.CharField(_("private link key"), max_length=64, unique=True)
    # Typed or scanned at the door: short, unique within the performance.
    door_code = models.CharField(_("door code"), max_length=8)
    first_name = models.CharField(_("first name or nickname"), max_length=60)
    guests = models.PositiveSmallIntegerField(
        _("guests"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_GUESTS)]
    )
    hosts = models.PositiveSmallIntegerField(
        _("hosts coming with them"), default=0, validators=[MaxValueValidator(MAX_HOSTS)]
    )
    language = models.CharField(_("language for messages"), max_length=10, choices=language_choices)
    access_needs = models.TextField(_("access needs"), max_length=500, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = PhoneNumberField(_("mobile number"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("named by partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guest_tickets",
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("named at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_queued_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # The naming or claiming form's one-time key: the same form sent twice makes one ticket.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("guest ticket")
        verbose_name_plural = _("guest tickets")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "door_code"], name="door_code_unique_per_performance"
            ),
            models.CheckConstraint(condition=Q(guests__gte=1), name="ticket_has_guests"),
        ]
        indexes = [models.Index(fields=["allocation", "status"])]

    def __str__(self):
        # The reference only: this is what the audit trail keeps, and names are forgotten.
        return self.reference

    # No get_absolute_url: the admin's "view on site" would hand the private link to any staff
    # member. The link is built only where its owner is shown it.
    def ticket_path(self) -> str:
        return reverse("events:ticket", kwargs={"token": self.token})


class ClaimLink(models.Model):
    """A one-time link a partner worker sends a guest, who names their own party on a phone
    without an account. Only the token's digest is kept: the link is shown once."""

    quota = models.ForeignKey(
        GuestQuota, verbose_name=_("quota"), on_delete=models.CASCADE, related_name="claim_links"
    )
    token_digest = models.CharField(_("link key digest"), max_length=64, unique=True)
    max_guests = models.PositiveSmallIntegerField(
        _("most guests"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_GUESTS)],
    )
    max_hosts = models.PositiveSmallIntegerField(
        _("most hosts"), default=0, validators=[MaxValueValidator(MAX_HOSTS)]
    )
    expires_at = models.DateTimeField(_("expires"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    ticket = models.OneToOneField(
        GuestTicket,
        verbose_name=_("ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claim_link",
    )

    class Meta:
        verbose_name = _("claim link")
        verbose_name_plural = _("claim links")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.quota} #{self.pk}"


class PoolRequest(models.Model):
    """A place on the shared pool's waiting list: a partner asking for seats for a party once
    seats come back to the pool. Offered in order; an offer expires if not taken."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Offer expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    allocation = models.ForeignKey(
        GuestAllocation,
        verbose_name=_("allocation"),
        on_delete=models.CASCADE,
        related_name="pool_requests",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pool_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    first_name = models.CharField(_("first name or nickname"), max_length=60)
    guests = models.PositiveSmallIntegerField(
        _("guests"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_GUESTS)]
    )
    hosts = models.PositiveSmallIntegerField(
        _("hosts coming with them"), default=0, validators=[MaxValueValidator(MAX_HOSTS)]
    )
    language = models.CharField(_("language for messages"), max_length=10, choices=language_choices)
    access_needs = models.TextField(_("access needs"), max_length=500, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = PhoneNumberField(_("mobile number"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.WAITING
    )
    offer_token = models.CharField(_("offer link key"), max_length=64, blank=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    ticket = models.OneToOneField(
        GuestTicket,
        verbose_name=_("ticket"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pool_request",
    )
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("pool waiting list entry")
        verbose_name_plural = _("pool waiting list")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["allocation", "status"])]

    def __str__(self):
        return f"{self.allocation} #{self.pk}"
