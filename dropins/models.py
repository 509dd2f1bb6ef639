"""The weekly welcome drop-in: a series per venue, its dated sessions, and the bookings people
make for them without an account."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from sanctuary.models import language_choices
from venues.models import Venue

LONDON = ZoneInfo("Europe/London")
# The most people one booking can hold, adults and children together; bigger groups talk to
# the team.
MAX_PARTY = 10
BOOKING_OPENS_DAYS_MAX = 120
# The most places one session can have: the biggest house, the Theatre Royal, seats about 1,300.
MAX_PLACES = 5000


class Weekday(models.IntegerChoices):
    # Python's date.weekday() numbering.
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class InterpreterLanguage(models.TextChoices):
    """Languages an interpreter may speak at a drop-in: more than the site's own languages."""

    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian (Farsi)")
    DARI = "prs", _("Dari")
    PASHTO = "ps", _("Pashto")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    KURDISH_SORANI = "ckb", _("Kurdish (Sorani)")
    KURDISH_KURMANJI = "kmr", _("Kurdish (Kurmanji)")
    TIGRINYA = "ti", _("Tigrinya")
    AMHARIC = "am", _("Amharic")
    SOMALI = "so", _("Somali")
    URDU = "ur", _("Urdu")
    ALBANIAN = "sq", _("Albanian")
    TURKISH = "tr", _("Turkish")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    VIETNAMESE = "vi", _("Vietnamese")
    BRITISH_SIGN_LANGUAGE = "bfi", _("British Sign Language")


def validate_interpreter_languages(value):
    if not isinstance(value, list) or not set(value) <= set(InterpreterLanguage.values):
        raise ValidationError(_("Choose languages from the list."))


class DropInSeries(models.Model):
    """A drop-in that happens every week on the same day and time at one venue."""

    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="dropin_series"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts at"), help_text=_("UK time."))
    end_time = models.TimeField(_("ends at"), help_text=_("UK time."))
    capacity = models.PositiveIntegerField(
        _("places"),
        validators=[MaxValueValidator(MAX_PLACES)],
        help_text=_("How many people can come: adults and children count the same."),
    )
    booking_opens_days = models.PositiveSmallIntegerField(
        _("booking opens (days before)"),
        default=28,
        validators=[MaxValueValidator(BOOKING_OPENS_DAYS_MAX)],
        help_text=_("How many days before each session people can book."),
    )
    interpreter_languages = models.JSONField(
        _("languages with interpreters"),
        default=list,
        blank=True,
        validators=[validate_interpreter_languages],
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Only active series get new sessions. Existing sessions stay as they are."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("drop-in series")
        verbose_name_plural = _("drop-in series")
        ordering = ["venue__position", "weekday", "start_time"]

    def __str__(self):
        return f"{self.title} ({self.venue}, {self.get_weekday_display()})"

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The end must be after the start.")})

    def interpreter_language_choices(self) -> list[tuple[str, str]]:
        labels = dict(InterpreterLanguage.choices)
        return [(code, labels[code]) for code in self.interpreter_languages if code in labels]

    def interpreter_language_labels(self) -> list[str]:
        return [str(label) for _code, label in self.interpreter_language_choices()]

    def times_on(self, date) -> tuple[datetime, datetime]:
        """The start and end of this series' session on `date`, as aware datetimes."""
        return (
            datetime.combine(date, self.start_time, tzinfo=LONDON),
            datetime.combine(date, self.end_time, tzinfo=LONDON),
        )


class DropInSession(models.Model):
    """One dated drop-in. Generated from its series; staff can change its places or cancel it."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelReason(models.TextChoices):
        BUILDING_CLOSED = "building_closed", _("The building is closed that day.")
        STAFF_UNAVAILABLE = "staff_unavailable", _("Not enough of our team can be there.")
        WEATHER = "weather", _("The weather makes travelling unsafe.")
        HOLIDAY = "holiday", _("It is a holiday.")
        OTHER = "other", _("Something unexpected came up.")

    series = models.ForeignKey(
        DropInSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="sessions"
    )
    date = models.DateField(_("date"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("places"),
        validators=[MaxValueValidator(MAX_PLACES)],
        help_text=_("How many people can come to this session."),
    )
    # Kept by dropins.services under the session's row lock, in the same transaction as every
    # change of a booking's status or size, so that booking reads one row instead of adding up
    # every booking (dropins.rules.people_booked is what it always equals).
    booked_people = models.PositiveIntegerField(_("people booked"), default=0, editable=False)
    waiting_bookings = models.PositiveIntegerField(_("bookings waiting"), default=0, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=20, choices=CancelReason.choices, blank=True
    )
    cancel_note = models.CharField(
        _("note for the team"),
        max_length=300,
        blank=True,
        help_text=_("Only the team sees this. People are told the reason, in their language."),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("drop-in session")
        verbose_name_plural = _("drop-in sessions")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["series", "date"], name="dropin_session_once_a_day"),
            # Places are only taken while they fit, so the people booked never pass the most
            # places a session can have (fewer places later never cancel anyone).
            models.CheckConstraint(
                condition=Q(booked_people__gte=0, booked_people__lte=MAX_PLACES),
                name="dropin_session_booked_people_in_range",
            ),
            models.CheckConstraint(
                condition=Q(waiting_bookings__gte=0),
                name="dropin_session_waiting_bookings_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]
        permissions = [("cancel_dropinsession", _("Can cancel drop-in sessions"))]

    def __str__(self):
        local = timezone.localtime(self.starts_at, LONDON)
        return f"{self.series.title}, {local:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("dropins:session", kwargs={"pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class Booking(models.Model):
    """Places at one session for a person and their family, made without an account.

    Only a first name or nickname, how many people, and (if they like) a way to remind them.
    Never anything about immigration status, nationality, documents or age.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Booked")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelledBy(models.TextChoices):
        BOOKER = "booker", _("The person who booked")
        STAFF = "staff", _("The team")
        SESSION = "session", _("The session was cancelled")

    session = models.ForeignKey(
        DropInSession, verbose_name=_("session"), on_delete=models.PROTECT, related_name="bookings"
    )
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    token = models.CharField(_("private link key"), max_length=64, unique=True)
    first_name = models.CharField(_("first name or nickname"), max_length=60)
    adults = models.PositiveSmallIntegerField(
        _("adults"), default=1, validators=[MaxValueValidator(MAX_PARTY)]
    )
    children = models.PositiveSmallIntegerField(
        _("children"), default=0, validators=[MaxValueValidator(MAX_PARTY)]
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = PhoneNumberField(_("mobile number"), blank=True)
    language = models.CharField(_("language for messages"), max_length=10, choices=language_choices)
    interpreter_language = models.CharField(
        _("interpreter"), max_length=4, choices=InterpreterLanguage.choices, blank=True
    )
    access_needs = models.TextField(_("access needs"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("place confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=10, choices=CancelledBy.choices, blank=True
    )
    reminder_queued_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # Booked on the client's behalf by a partner worker, in the portal: their organisation
    # follows it there (dropins.rules.partner_bookings_q), and the client's consent to being
    # booked and to our keeping these details is recorded with its time.
    partner_organisation = models.ForeignKey(
        "partners.PartnerOrganisation",
        verbose_name=_("booked through partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="dropin_bookings",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    consent_recorded_at = models.DateTimeField(
        _("client's consent recorded"), null=True, blank=True, editable=False
    )
    # The booking form's one-time key: sending the same form again (a second tap on "Book", a
    # retry after a lost reply) finds this booking instead of making another.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(adults__gt=0) | Q(children__gt=0),
                name="booking_has_people",
            ),
            models.CheckConstraint(
                condition=Q(adults__lte=MAX_PARTY - F("children")),
                name="booking_party_at_most_max",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["first_name"]),
            # A contact's other bookings for a session (dropins.rules.same_contact_q), and a
            # contact's bookings across sessions (reports.rules.returning_q).
            models.Index(
                fields=["email", "session"], condition=~Q(email=""), name="booking_email_session"
            ),
            models.Index(
                fields=["phone", "session"], condition=~Q(phone=""), name="booking_phone_session"
            ),
            # The admin's list, newest first (Django adds the id to make the order total, and
            # bookings made in one statement share their time).
            models.Index(fields=["-created_at", "-id"], name="booking_newest_first"),
        ]
        permissions = [("cancel_booking", _("Can cancel bookings"))]

    def __str__(self):
        # The reference only: this is what the audit trail keeps, and names are forgotten.
        return self.reference

    # No get_absolute_url: the admin's "view on site" would hand the private link to any staff
    # member. The link is built only where its owner is shown it.
    def manage_path(self) -> str:
        return reverse("dropins:manage", kwargs={"token": self.token})

    @property
    def people(self) -> int:
        from dropins.rules import people_of

        return people_of(adults=self.adults, children=self.children)

    @property
    def is_live(self) -> bool:
        """Not cancelled (dropins.rules.is_live)."""
        from dropins.rules import is_live

        return is_live(self)
