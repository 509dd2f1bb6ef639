"""Reports compute their figures from the other apps' rows. What is kept here is what staff
write (the award evidence's own words, kept between renewals), the files they asked for, and
one count that could not be made later: each session's families who came for the first time or
again, counted while the contacts that tell them apart are still kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dropins.models import DropInSession


class EvidenceStatement(models.Model):
    """Staff's words for one criterion of the Theatre of Sanctuary award."""

    class Criterion(models.TextChoices):
        LEARN = "learn", _("Learn")
        EMBED = "embed", _("Embed")
        SHARE = "share", _("Share")

    criterion = models.CharField(_("criterion"), max_length=10, choices=Criterion, unique=True)
    text = models.TextField(_("what we did"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("award evidence statement")
        verbose_name_plural = _("award evidence statements")
        ordering = ["criterion"]
        permissions = [("view_reports", _("Can see the programme's reports and export them"))]

    def __str__(self):
        return str(self.get_criterion_display())


class ReportExport(models.Model):
    """A report file made by the worker for the person who asked for it, kept for a few days.

    The row is made in the request's transaction and its task queued when that commits; beat's
    sweep queues again any that waits too long (the broker was away, or the worker died), so an
    export asked for is never lost. The file's bytes are kept in the row: they are small, and so
    every web process can serve them without shared storage."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Spreadsheet")
        EVIDENCE_CSV = "evidence_csv", _("Award evidence pack (CSV)")
        EVIDENCE_XLSX = "evidence_xlsx", _("Award evidence pack (spreadsheet)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be made")

    token = models.CharField(max_length=64, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    venue_slug = models.SlugField(_("venue"), blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The request form's one-time key: the same form sent twice is one export.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    file_name = models.CharField(max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True, editable=False)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("asked for at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_export_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_export_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="report_export_status")]

    def __str__(self):
        return f"{self.get_format_display()} {self.period_start}–{self.period_end}"


class FamilyCount(models.Model):
    """A drop-in session's families who came, as first-time, returning or without a contact to
    tell, counted the night after the session (reports.services.families_count). The contacts
    that tell a returning family apart are forgotten DROPIN_KEEP_DAYS after each session, so a
    report of an older period reads these counts: numbers only, nothing about anyone."""

    session = models.OneToOneField(
        DropInSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="family_count",
    )
    first = models.PositiveIntegerField(_("came for the first time"))
    returning = models.PositiveIntegerField(_("came before"))
    unknown = models.PositiveIntegerField(_("no contact to tell"))
    counted_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("families count")
        verbose_name_plural = _("families counts")

    def __str__(self):
        return str(self.session)
