"""Report files and the award evidence pack, for programme staff.

A small CSV is answered at once; every other file is made by the worker, and the person who
asked follows its progress on a page that refreshes itself (no JavaScript needed) until the
file is ready to download. Only the person who asked sees an export's page and file."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dropins.views import not_indexed
from reports import rules, selectors, services
from reports.evidence import evidence_report
from reports.forms import EvidencePeriodForm, EvidenceStatementsForm, ExportRequestForm
from reports.models import ReportExport

TOKEN_LENGTH = 43  # sanctuary.codes.token_new


def reports_required(view):
    """Signed in, with the right to see the programme's reports (programme staff)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not rules.may_see_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _attachment(content: bytes, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return not_indexed(response)


@reports_required
@require_POST
@never_cache
def export_request(request):
    form = ExportRequestForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/export_refused.html", {"form": form}, status=400)
    data = form.cleaned_data
    period = {"start": data["start"], "end": data["end"], "venue_slug": data["venue"]}
    if rules.is_made_directly(file_format=data["format"], start=data["start"], end=data["end"]):
        made = services.export_file_make(
            report=selectors.report_for(**period), file_format=data["format"]
        )
        services.export_made_directly_record(
            actor=request.user, file_format=data["format"], **period
        )
        return _attachment(made.content, name=made.name, content_type=made.content_type)
    export = services.export_request(
        actor=request.user,
        file_format=data["format"],
        language=translation.get_language(),
        submission_key=data["submission_key"],
        **period,
    )
    return redirect("report_exports:status", token=export.token)


def _export_or_404(request, token: str) -> ReportExport:
    export = selectors.export_of(token=token) if len(token) == TOKEN_LENGTH else None
    # Someone else's export is as good as none: its page does not say it exists.
    if export is None or not rules.may_see_export(request.user, export):
        raise Http404
    return export


@reports_required
@require_GET
@never_cache
def export_status(request, token):
    export = _export_or_404(request, token)
    context = {
        "export": export,
        "finished": rules.is_finished(export),
        "downloadable": rules.may_download(export),
        "keep_until": rules.keep_until(export),
        "refresh_seconds": 2,
    }
    return not_indexed(render(request, "reports/export_status.html", context))


@reports_required
@require_GET
@never_cache
def export_download(request, token):
    export = _export_or_404(request, token)
    if not rules.may_download(export):
        return redirect("report_exports:status", token=export.token)
    export = selectors.export_with_file(pk=export.pk)
    extension = export.file_name.rsplit(".", 1)[-1]
    return _attachment(
        bytes(export.content),
        name=export.file_name,
        content_type=services.exporting.CONTENT_TYPES[extension],
    )


def _evidence_period(request) -> EvidencePeriodForm:
    """The dates asked for, or the twelve months to the end of this one; bad dates are said,
    not used."""
    asked = {key: request.GET[key] for key in ("start", "end", "venue") if key in request.GET}
    form = EvidencePeriodForm(asked or None, initial=EvidencePeriodForm.initial_period())
    if asked:
        form.is_valid()
    return form


@reports_required
@require_GET
@never_cache
def evidence(request):
    """The award evidence pack, one printed page per criterion."""
    form = _evidence_period(request)
    period = EvidencePeriodForm.initial_period()
    if form.is_bound and form.is_valid():
        period = form.cleaned_data
    report = selectors.report_for(
        start=period["start"], end=period["end"], venue_slug=period["venue"]
    )
    pack = evidence_report(report, selectors.evidence_texts())
    context = {
        "form": form,
        "report": report,
        "pack": pack,
        "criteria": [
            {
                "section": section,
                "aim": pack.extra["aims"][section.key],
                "statement": pack.extra["statements"][section.key],
            }
            for section in pack.sections
        ],
        "may_edit": rules.may_edit_evidence(request.user),
    }
    return not_indexed(render(request, "reports/evidence.html", context))


@reports_required
@require_http_methods(["GET", "POST"])
@never_cache
def evidence_edit(request):
    if not rules.may_edit_evidence(request.user):
        raise PermissionDenied
    statements = selectors.evidence_statements()
    form = EvidenceStatementsForm(
        request.POST if request.method == "POST" else None, statements=statements
    )
    back = request.GET.urlencode()
    if request.method == "POST" and form.is_valid():
        services.evidence_statements_save(texts=form.cleaned_data, actor=request.user)
        messages.success(request, _("The award evidence is kept."))
        url = reverse("report_exports:evidence")
        return redirect(f"{url}?{back}" if back else url)
    context = {"form": form, "statements": statements, "back": back}
    return not_indexed(render(request, "reports/evidence_edit.html", context))


def evidence_query(report) -> str:
    """The evidence pack's address for a report's period and venue."""
    query = {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()}
    if report.venue_slug:
        query["venue"] = report.venue_slug
    return f"{reverse('report_exports:evidence')}?{urlencode(query)}"
