"""Partner organisations of the sanctuary network, and the people who work for them and use
the portal on their clients' behalf."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stream(models.TextChoices):
    """City of Sanctuary's streams: the parts of life a partner works in. The public directory
    groups partners by them."""

    COMMUNITY = "community", _("Community and welcome")
    ADVICE = "advice", _("Advice and casework")
    ARTS = "arts", _("Arts and culture")
    EDUCATION = "education", _("Learning and English")
    HEALTH = "health", _("Health and wellbeing")
    MATERNITY = "maternity", _("Maternity and families")
    FAITH = "faith", _("Faith groups")
    SPORT = "sport", _("Sport")
    WORK = "work", _("Work and volunteering")
    HOUSING = "housing", _("Housing and hosting")


def validate_streams(value):
    if not isinstance(value, list) or any(item not in Stream.values for item in value):
        raise ValidationError(_("Choose streams from the list."), code="invalid_stream")


class PartnerOrganisation(models.Model):
    """A charity or group of the network: it refers people for bursaries, books drop-in places
    for its clients and names guests for performances. Its public text is translated in the
    admin (partners/translation.py) and falls back to English."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("what it does"), blank=True)
    streams = models.JSONField(
        _("streams"), default=list, blank=True, validators=[validate_streams]
    )
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public email address"), blank=True)
    public_phone = models.CharField(_("public phone number"), max_length=30, blank=True)
    address = models.TextField(_("address"), max_length=300, blank=True)
    is_listed = models.BooleanField(
        _("listed"), default=False, help_text=_("Shown on the public “Find support” page.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active partners are offered on the form.")
    )

    class Meta:
        # The table was made when partners belonged to bursaries; its name stays, so every
        # row and every application's link to it stays too.
        db_table = "bursaries_partnerorganisation"
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnerWorker(models.Model):
    """A team account of a partner organisation: it uses the portal, never the admin, and
    sees only its own organisation's referrals, bookings and guests."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="partner_worker",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="workers",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        verbose_name = _("partner worker")
        verbose_name_plural = _("partner workers")
        ordering = ["organisation__name", "user__email"]
        permissions = [("use_portal", _("Can use the partner portal"))]

    def __str__(self):
        return f"{self.user} ({self.organisation})"
