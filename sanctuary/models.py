"""What every app shares: the people who sign in, the message outbox and the audit trail."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.phonenumber import to_python


def language_choices():
    return settings.LANGUAGES


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        """One spelling per address: people type capitals, mail servers ignore them."""
        return super().normalize_email(email).lower()

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of staff, a bursary reviewer or a volunteer. They sign in with their email.

    People seeking sanctuary never have an account.
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("language for messages"),
        max_length=10,
        choices=language_choices,
        default="en",
        help_text=_("Emails to this person, such as the link to set a password, use it."),
    )
    venues = models.ManyToManyField(
        "venues.Venue",
        verbose_name=_("venues"),
        blank=True,
        related_name="team",
        help_text=_("Volunteers take attendance at these venues' drop-ins."),
    )
    # When this person was first seen needing two-step sign-in without having it: their
    # grace period (MFA_GRACE_DAYS) runs from here.
    two_factor_required_since = models.DateTimeField(
        _("two-step sign-in required since"), null=True, blank=True, editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        """How other team members see this person: first name, or the email's local part."""
        return self.first_name or self.email.split("@")[0]


class OutgoingMessage(models.Model):
    """One email or SMS on its way out. Written in the same transaction as the change that
    causes it, sent by a Celery task on commit, swept up later if that task never ran."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # What it was about changed before it went (a reminder for a cancelled booking).
        NOT_NEEDED = "not_needed", _("No longer needed")

    class Delivery(models.TextChoices):
        # From the SMS provider's receipts; blank until the first one comes.
        SENT = "sent", _("Sent to the network")
        DELIVERED = "delivered", _("Delivered")
        UNDELIVERED = "undelivered", _("Not delivered")
        FAILED = "failed", _("Failed at the provider")

    # Still on its way, or done with (sent, failed for good, or no longer needed).
    UNFINISHED = (Status.PENDING, Status.SENDING)
    FINISHED = (Status.SENT, Status.FAILED, Status.NOT_NEEDED)

    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254)
    language = models.CharField(_("language"), max_length=10)
    template = models.CharField(
        _("template"),
        max_length=100,
        help_text=_("The folder under templates/messages/ that holds this message's text."),
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    # What the message is about (a booking, an application, an account): anonymising that
    # thing forgets its messages through this link, whatever their template.
    subject_type = models.ForeignKey(
        ContentType,
        verbose_name=_("about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_id = models.PositiveBigIntegerField(_("about id"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    dedupe_key = models.CharField(
        _("dedupe key"),
        max_length=200,
        unique=True,
        help_text=_("Identifies what this message is about, so that it is sent only once."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the SMS provider says became of a text after it took it (its delivery receipts).
    provider_message_id = models.CharField(
        _("provider's message id"), max_length=64, blank=True, db_index=True
    )
    delivery_status = models.CharField(
        _("delivery"), max_length=12, choices=Delivery.choices, blank=True
    )
    provider_error_code = models.CharField(_("provider's error code"), max_length=10, blank=True)
    provider_error_reason = models.CharField(_("provider's reason"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
            # The admin's list, newest first, and its dates.
            models.Index(fields=["-created_at"], name="outgoing_message_created_desc"),
        ]
        permissions = [("retry_outgoingmessage", _("Can retry failed messages"))]

    def __str__(self):
        return f"{self.get_channel_display()} {self.template} → {self.masked_recipient}"

    def clean(self):
        super().clean()
        if self.channel == self.Channel.EMAIL:
            try:
                validate_email(self.recipient)
            except ValidationError:
                raise ValidationError({"recipient": _("Enter a valid email address.")}) from None
        elif self.channel == self.Channel.SMS:
            number = to_python(self.recipient)
            if not number or not number.is_valid() or number.as_e164 != self.recipient:
                raise ValidationError(
                    {
                        "recipient": _(
                            "Enter a mobile number in international form, like +447911123456."
                        )
                    }
                )

    @property
    def masked_recipient(self) -> str:
        """Enough of the address to tell messages apart, without showing it whole."""
        if not self.recipient:
            return "–"  # anonymised
        if self.channel == self.Channel.EMAIL and "@" in self.recipient:
            local, domain = self.recipient.split("@", 1)
            return f"{local[:1]}…@{domain}"
        return f"…{self.recipient[-3:]}"


class AuditEvent(models.Model):
    """Who did what to which object, and when. Written by services, never edited."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.action}: {self.object_repr}"


class Heartbeat(models.Model):
    """When a scheduled process last showed it was alive (beat, at each outbox sweep), so that
    readiness can tell a stopped beat from a quiet minute."""

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    beaten_at = models.DateTimeField(_("last beat"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name}: {self.beaten_at:%Y-%m-%d %H:%M:%S}"


class SmsSuppression(models.Model):
    """A mobile number that asked for no more texts (a STOP reply, or the provider's opt-out
    list), kept only as a keyed hash (sanctuary.sms.suppression), so that it outlives the
    anonymising of everything it was typed into."""

    class Reason(models.TextChoices):
        STOP_REPLY = "stop_reply", _("Replied STOP")
        PROVIDER_OPT_OUT = "provider_opt_out", _("On the provider's opt-out list")

    number_hash = models.CharField(_("number (hashed)"), max_length=64, unique=True)
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("number that asked for no texts")
        verbose_name_plural = _("numbers that asked for no texts")
        ordering = ["-created_at"]
        permissions = [("remove_smssuppression", _("Can let a number have texts again"))]

    def __str__(self):
        return f"{self.number_hash[:10]}… ({self.get_reason_display()})"


class SmsDayCount(models.Model):
    """How many texts went out on one day (Europe/London), in all and per number (hashed):
    the counters SMS_DAILY_CAP and SMS_PER_NUMBER_DAILY_CAP are checked against."""

    ALL = "all"

    day = models.DateField(_("day"))
    key = models.CharField(_("counted"), max_length=64, help_text=_('"all", or a number\'s hash'))
    count = models.PositiveIntegerField(_("texts"), default=0)

    class Meta:
        verbose_name = _("texts sent in a day")
        verbose_name_plural = _("texts sent per day")
        constraints = [models.UniqueConstraint(fields=["day", "key"], name="sms_day_count_once")]

    def __str__(self):
        return f"{self.day}: {self.count}"


class SmsLink(models.Model):
    """A short link for a text message: a long private link (a booking's, 43 characters of key)
    does not fit two parts of a text in a non-Latin script. The code is as unguessable as the
    rule for private links asks (128 bits)."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    path = models.CharField(_("goes to"), max_length=500, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("short link")
        verbose_name_plural = _("short links")

    def __str__(self):
        return self.code
