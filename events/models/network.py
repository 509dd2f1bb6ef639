"""Events of the local network that anyone can book with a name and an email: the annual City
of Sanctuary celebration, a training course with several dates, a partnership meeting.

An event is held at one of the theatre's venues or at another place (a name, an address and a
plain link to a map). It has one or more dates; each date is booked on its own, with the
event's capacity at each. Tickets are people.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanctuary.models import language_choices
from venues.models import Venue

# The most tickets one booking can hold when the event sets no lower limit.
MAX_TICKETS = 10


class NetworkEvent(models.Model):
    """An event of the network, published by staff. Its public text is translated in the
    admin (events/translation.py) and falls back to English."""

    class Kind(models.TextChoices):
        CELEBRATION = "celebration", _("Celebration")
        TRAINING = "training", _("Training")
        MEETING = "meeting", _("Meeting")
        OTHER = "other", _("Other event")

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    organiser = models.CharField(
        _("organised by"), max_length=150, help_text=_('For example "Norwich City of Sanctuary".')
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_events",
        help_text=_("One of the theatre's venues, or leave empty and give another place."),
    )
    place_name = models.CharField(_("other place: name"), max_length=150, blank=True)
    place_address = models.CharField(_("other place: address"), max_length=250, blank=True)
    map_url = models.URLField(
        _("map link"),
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A plain link to a map of the place (https://…). Nothing is embedded."),
    )
    capacity = models.PositiveIntegerField(
        _("places at each date"), validators=[MinValueValidator(1)]
    )
    ticket_limit = models.PositiveSmallIntegerField(
        _("tickets per booking"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TICKETS)],
        help_text=_("The most tickets one booking can hold. Empty: up to 10."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published events are shown and booked.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("network event")
        verbose_name_plural = _("network events")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(venue__isnull=False) | ~Q(place_name=""),
                name="network_event_has_a_place",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:network_event", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.venue_id is None and not self.place_name.strip():
            raise ValidationError(
                {"place_name": _("Choose one of the venues, or give the name of another place.")}
            )
        if self.venue_id is not None and self.place_name.strip():
            raise ValidationError(
                {"place_name": _("Choose one of the venues or another place, not both.")}
            )

    @property
    def tickets_per_booking(self) -> int:
        return self.ticket_limit or MAX_TICKETS


class NetworkEventDate(models.Model):
    """One date of an event, booked on its own."""

    event = models.ForeignKey(
        NetworkEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="dates"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="network_date_ends_after_start"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.event} – {local:%Y-%m-%d %H:%M}"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class NetworkBooking(models.Model):
    """Tickets for one date, made with a name and an email, without an account."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    date = models.ForeignKey(
        NetworkEventDate, verbose_name=_("date"), on_delete=models.PROTECT, related_name="bookings"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    token = models.CharField(_("private link key"), max_length=64, unique=True)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    email = models.EmailField(_("email address"))
    tickets = models.PositiveSmallIntegerField(
        _("tickets"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_TICKETS)]
    )
    language = models.CharField(_("language for messages"), max_length=10, choices=language_choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    # The form's one-time key: the same form sent twice finds this booking.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("network event booking")
        verbose_name_plural = _("network event bookings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tickets__gte=1, tickets__lte=MAX_TICKETS),
                name="network_booking_tickets_in_range",
            ),
        ]
        indexes = [models.Index(fields=["date", "status"])]

    def __str__(self):
        # The reference only: names are forgotten, the audit trail keeps this.
        return self.reference

    # No get_absolute_url: the private link is shown only to its owner.
    def manage_path(self) -> str:
        return reverse("events:network_booking", kwargs={"token": self.token})
