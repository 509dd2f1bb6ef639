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
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from sanctuary.models import language_choices
from venues.models import Venue

LONDON = ZoneInfo("Europe/London")
# The most people one booking can hold, adults and children together; bigger groups talk to
# the team.
MAX_PARTY = 10
BOOKING_OPENS_DAYS_MAX = 120


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
        _("places"), help_text=_("How many people can come to this session.")
    )
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
            # The same contact cannot hold two live bookings for one session.
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~Q(email="") & ~Q(status="cancelled"),
                name="booking_one_per_email_per_session",
            ),
            models.UniqueConstraint(
                fields=["session", "phone"],
                condition=~Q(phone="") & ~Q(status="cancelled"),
                name="booking_one_per_phone_per_session",
            ),
        ]
        indexes = [
            models.Index(fields=["session", "status"]),
            models.Index(fields=["first_name"]),
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
        return self.adults + self.children

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.CANCELLED


# Attendance at the door ---------------------------------------------------------------------

# A walk-in group can be bigger than a booking; more than this is a typing slip.
MAX_WALK_IN = 30


class CheckIn(models.Model):
    """People arriving at a session: a booked party, or a walk-in group without a booking.

    Undo voids a check-in rather than deleting it. At most one live check-in per booking: the
    first tablet to reach the server wins (see dropins.services.register_apply).
    """

    session = models.ForeignKey(
        DropInSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="check_ins",
    )
    booking = models.ForeignKey(
        Booking,
        verbose_name=_("booking"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="check_ins",
        help_text=_("Empty for people who walked in without a booking."),
    )
    first_name = models.CharField(
        _("first name or nickname"),
        max_length=60,
        blank=True,
        help_text=_("Walk-ins only, if they gave one."),
    )
    adults = models.PositiveSmallIntegerField(
        _("adults"), default=1, validators=[MaxValueValidator(MAX_WALK_IN)]
    )
    children = models.PositiveSmallIntegerField(
        _("children"), default=0, validators=[MaxValueValidator(MAX_WALK_IN)]
    )
    arrived_at = models.DateTimeField(_("arrived"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    station = models.CharField(_("tablet"), max_length=40, blank=True)
    client_id = models.UUIDField(_("tablet's id for the tap"), unique=True)
    voided_at = models.DateTimeField(_("undone"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["arrived_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking"],
                condition=Q(booking__isnull=False, voided_at__isnull=True),
                name="checkin_once_per_booking",
            ),
            models.CheckConstraint(
                condition=Q(adults__gt=0) | Q(children__gt=0), name="checkin_has_people"
            ),
        ]
        indexes = [models.Index(fields=["session", "voided_at"])]
        permissions = [("take_attendance", _("Can take attendance at the door"))]

    def __str__(self):
        return self.booking.reference if self.booking_id else gettext("Walk-in")

    @property
    def people(self) -> int:
        return self.adults + self.children

    @property
    def is_walk_in(self) -> bool:
        return self.booking_id is None

    @property
    def is_live(self) -> bool:
        return self.voided_at is None


class RegisterAction(models.Model):
    """One tap on a tablet, kept once: its client-generated id is unique, so a tap that is sent
    again after a Wi-Fi drop-out is answered from here instead of being applied twice."""

    class Kind(models.TextChoices):
        CHECK_IN = "check_in", _("Check-in")
        WALK_IN = "walk_in", _("Walk-in")
        ADJUST = "adjust", _("Numbers changed")
        UNDO = "undo", _("Undone")

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("Done")
        ALREADY = "already", _("Already done")
        REFUSED = "refused", _("Not done")

    class Reason(models.TextChoices):
        """Why a tap was not applied. The codes are stored; the labels are what volunteers read."""

        CLOSED = "closed", _("The register of this session is closed.")
        CANCELLED = "cancelled", _("This session was cancelled.")
        NO_BOOKING = "no_booking", _("This booking is not on this session's register.")
        GONE = "gone", _("That check-in was undone, so there is nothing to change.")
        NOTHING = "nothing", _("There is nothing to undo: another tablet checked them in.")
        NUMBERS = "numbers", _("Check the numbers: at least one person, at most 30 of each.")
        OTHER_SESSION = "other_session", _("This tap belongs to another session.")

    client_id = models.UUIDField(_("tablet's id for the tap"), unique=True)
    session = models.ForeignKey(
        DropInSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="register_actions",
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    check_in = models.ForeignKey(
        CheckIn,
        verbose_name=_("check-in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.CharField(_("why not"), max_length=20, choices=Reason.choices, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    happened_at = models.DateTimeField(_("tapped"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    station = models.CharField(_("tablet"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("register action")
        verbose_name_plural = _("register actions")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.client_id}"


class Attendance(models.Model):
    """The numbers of a session, recorded when its register is closed; staff may correct them."""

    session = models.OneToOneField(
        DropInSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    booked_people = models.PositiveIntegerField(_("people booked"))
    attended_people = models.PositiveIntegerField(
        _("booked people who came"), help_text=_("People checked in against a booking.")
    )
    no_show_bookings = models.PositiveIntegerField(
        _("no-shows"), help_text=_("Bookings nobody came for.")
    )
    walk_in_people = models.PositiveIntegerField(_("walk-ins"))
    children = models.PositiveIntegerField(
        _("children"), help_text=_("Children among everyone who came.")
    )
    closed_at = models.DateTimeField(_("register closed"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("last corrected"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["-session__starts_at"]

    def __str__(self):
        return str(self.session)

    @property
    def people(self) -> int:
        return self.attended_people + self.walk_in_people
