"""The register at the door: who arrived at a drop-in session (booked families and walk-ins)
or at a performance (guest parties with their hosts, and walk-ups), every tap the tablets sent,
and the numbers recorded when a drop-in's register is closed.

These tables were made by the drop-in app and keep their names (Meta.db_table), so moving the
models here kept every row.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dropins.models import Booking, DropInSession
from events.models import GuestTicket, Performance

# A walk-in group can be bigger than a booking; more than this is a typing slip.
MAX_WALK_IN = 30


def one_door_q() -> Q:
    """A check-in or a tap belongs to exactly one register: a session's or a performance's."""
    return Q(session__isnull=False, performance__isnull=True) | Q(
        session__isnull=True, performance__isnull=False
    )


class CheckIn(models.Model):
    """People arriving at a session (a booked party, or a walk-in group without a booking) or
    at a performance (a guest ticket's party, or walk-ups without a ticket).

    Undo voids a check-in rather than deleting it. At most one live check-in per booking or
    ticket: the first tablet to reach the server wins (see attendance.services.taps). A
    session's check-ins count adults and children; a performance's count guests and hosts.
    """

    session = models.ForeignKey(
        DropInSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="check_ins",
    )
    performance = models.ForeignKey(
        Performance,
        verbose_name=_("performance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="check_ins",
    )
    ticket = models.ForeignKey(
        GuestTicket,
        verbose_name=_("guest ticket"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="check_ins",
        help_text=_("Empty for people who came to a performance without a ticket."),
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
    guests = models.PositiveSmallIntegerField(
        _("guests"), default=0, validators=[MaxValueValidator(MAX_WALK_IN)]
    )
    hosts = models.PositiveSmallIntegerField(
        _("hosts"), default=0, validators=[MaxValueValidator(MAX_WALK_IN)]
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
        db_table = "dropins_checkin"
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["arrived_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking"],
                condition=Q(booking__isnull=False, voided_at__isnull=True),
                name="checkin_once_per_booking",
            ),
            models.UniqueConstraint(
                fields=["ticket"],
                condition=Q(ticket__isnull=False, voided_at__isnull=True),
                name="checkin_once_per_ticket",
            ),
            models.CheckConstraint(
                condition=Q(adults__gt=0) | Q(children__gt=0) | Q(guests__gt=0) | Q(hosts__gt=0),
                name="checkin_has_people",
            ),
            models.CheckConstraint(condition=one_door_q(), name="checkin_one_door"),
        ]
        indexes = [
            models.Index(fields=["session", "voided_at"]),
            models.Index(fields=["performance", "voided_at"]),
        ]
        permissions = [("take_attendance", _("Can take attendance at the door"))]

    def __str__(self):
        if self.booking_id:
            return self.booking.reference
        if self.ticket_id:
            return self.ticket.reference
        return gettext("Walk-in")

    @property
    def people(self) -> int:
        from dropins.rules import people_of

        return people_of(adults=self.adults, children=self.children) + self.guests + self.hosts

    @property
    def is_walk_in(self) -> bool:
        return self.booking_id is None and self.ticket_id is None

    @property
    def party_name(self) -> str:
        """The first name the booking or ticket gives (a walk-in's, if they gave one)."""
        party = self.booking if self.booking_id else self.ticket if self.ticket_id else None
        return party.first_name if party else self.first_name

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
        NO_TICKET = "no_ticket", _("This ticket is not on this performance's register.")
        SHOW_CANCELLED = "show_cancelled", _("This performance was cancelled.")

    client_id = models.UUIDField(_("tablet's id for the tap"), unique=True)
    session = models.ForeignKey(
        DropInSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="register_actions",
    )
    performance = models.ForeignKey(
        Performance,
        verbose_name=_("performance"),
        null=True,
        blank=True,
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
        db_table = "dropins_registeraction"
        verbose_name = _("register action")
        verbose_name_plural = _("register actions")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=one_door_q(), name="action_one_door")]

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
        db_table = "dropins_attendance"
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["-session__starts_at"]

    def __str__(self):
        return str(self.session)

    @property
    def people(self) -> int:
        return self.attended_people + self.walk_in_people
