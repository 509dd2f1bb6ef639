"""The reports dashboard: programme staff choose a period and a venue and see each section's
headlines, its tables with a note on how each was counted, and a chart beside each table. A GET
form, so it works without JavaScript and a report's address can be shared."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from dropins.views import not_indexed
from reports import rules
from reports.charts import chart_drawn
from reports.figures import build_report
from reports.periods import report_form


@require_GET
@never_cache
@login_required
def dashboard(request):
    if not rules.may_see_reports(request.user):
        raise PermissionDenied
    form = report_form(request.GET, timezone.localdate())
    report = None
    if form.is_valid():
        report = build_report(
            period=form.chosen_period(), venue_slug=form.cleaned_data.get("venue") or ""
        )
    return not_indexed(
        render(
            request,
            "reports/dashboard.html",
            {"form": form, "report": report},
            status=200 if report else 400,
        )
    )


@require_GET
@login_required
def chart(request, digest):
    """A chart the dashboard named while it was not drawn yet, drawn now (in the page's
    language: the same address prefix)."""
    if not rules.may_see_reports(request.user):
        raise PermissionDenied
    svg = chart_drawn(digest)
    if svg is None:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=3600"
    return response
