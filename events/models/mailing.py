"""The partnership mailing list: people join with a double opt-in (a confirmation link sent to
the address) and leave by one link. Only confirmed addresses count."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanctuary.models import language_choices


class MailingListMember(models.Model):
    """An address that asked to join. Pending until its owner opens the confirmation link;
    forgotten if they never do (events.services.mailing). Leaving deletes the row."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=language_choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # One secret for both links in its mails: confirming and leaving.
    token = models.CharField(_("private link key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("asked to join"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # When a mail last went to the address: asking again re-sends at most once an hour.
    last_sent_at = models.DateTimeField(_("last mail sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing list member")
        verbose_name_plural = _("mailing list members")
        ordering = ["email"]
        indexes = [models.Index(fields=["status", "created_at"])]
        permissions = [("export_mailinglistmember", _("Can export the mailing list"))]

    def __str__(self):
        return self.email

    def confirm_path(self) -> str:
        return reverse("events:mailing_confirm", kwargs={"token": self.token})

    def leave_path(self) -> str:
        return reverse("events:mailing_leave", kwargs={"token": self.token})
