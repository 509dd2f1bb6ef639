"""Every figure of a report, counted by aggregate queries (a fixed number, however much data)
and published through small-number suppression: `build_report` is the one way in."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from reports.figures.attendance import attendance_section
from reports.figures.bursaries import bursaries_section
from reports.figures.common import scope_of
from reports.figures.guests import guests_section
from reports.figures.network import network_section
from reports.published import Period, Report
from reports.suppression import THRESHOLD


def build_report(*, period: Period, venue_slug: str = "") -> Report:
    """The report for a period and a venue ("" for every venue), in the active language."""
    scope = scope_of(period=period, venue_slug=venue_slug)
    return Report(
        period=period,
        venue_slug=scope.venue.slug if scope.venue else "",
        venue_name=str(scope.venue.name) if scope.venue else _("All venues"),
        sections=(
            attendance_section(scope),
            bursaries_section(scope),
            guests_section(scope),
            network_section(scope),
        ),
        computed_at=timezone.now(),
        threshold=THRESHOLD,
    )


__all__ = ["build_report"]
