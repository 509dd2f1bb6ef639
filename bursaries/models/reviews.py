"""Reviews: one reviewer's scores for one application, or their declared conflict of
interest."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bursaries.models.applications import Application

_SCORE = {"null": True, "blank": True, "validators": [MinValueValidator(1), MaxValueValidator(5)]}


class Review(models.Model):
    """One reviewer's scores for one application, or their declared conflict of interest.

    A reviewer first either declares a conflict (and is kept away from the application) or
    opens it (opened_at); the review counts once it is submitted. A conflict noticed only after
    opening it may still be declared: opened_at then shows it came after they read the details,
    and their scores, if any, stop counting.
    """

    class Recommendation(models.TextChoices):
        YES = "yes", _("Yes")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("No")

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    conflict_declared_at = models.DateTimeField(
        _("conflict of interest declared"), null=True, blank=True
    )
    need = models.PositiveSmallIntegerField(_("need"), **_SCORE)
    benefit = models.PositiveSmallIntegerField(_("benefit"), **_SCORE)
    fit = models.PositiveSmallIntegerField(_("fit with the programme"), **_SCORE)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    opened_at = models.DateTimeField(
        _("opened"), null=True, blank=True, help_text=_("When they first saw the details.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_one_per_reviewer"
            ),
            models.CheckConstraint(
                condition=models.Q(submitted_at__isnull=True)
                | models.Q(conflict_of_interest=True)
                | (
                    models.Q(need__isnull=False)
                    & models.Q(benefit__isnull=False)
                    & models.Q(fit__isnull=False)
                    & ~models.Q(recommendation="")
                ),
                name="review_submitted_is_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(conflict_of_interest=False, conflict_declared_at__isnull=True)
                | models.Q(conflict_of_interest=True, conflict_declared_at__isnull=False),
                name="review_conflict_has_a_date",
            ),
            models.CheckConstraint(
                condition=(models.Q(need__isnull=True) | models.Q(need__range=(1, 5)))
                & (models.Q(benefit__isnull=True) | models.Q(benefit__range=(1, 5)))
                & (models.Q(fit__isnull=True) | models.Q(fit__range=(1, 5))),
                name="review_scores_one_to_five",
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.reviewer}"

    @property
    def conflict_after_viewing(self) -> bool:
        return self.conflict_of_interest and self.opened_at is not None
