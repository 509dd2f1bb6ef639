from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Venue(models.Model):
    """One of Norwich Theatre's buildings. Its public text is translated in the admin
    (see venues/translation.py) and falls back to English."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    address = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    description = models.TextField(_("description"), blank=True)
    access_information = models.TextField(
        _("access information"),
        blank=True,
        help_text=_("Step-free access, toilets, hearing loops, quiet spaces."),
    )
    getting_there = models.TextField(
        _("how to get there"), blank=True, help_text=_("Buses, walking, parking, bikes.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active venues are shown to the public.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("venues:detail", kwargs={"slug": self.slug})
