"""Applications as a CSV file for funders: figures, never names, contact details, statements
or referrers' names."""

import csv

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from bursaries import rules, services
from bursaries.models import Application
from sanctuary.models import User

# A cell that starts with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell that a spreadsheet shows as text, never runs: names staff typed (a fund, an
    opportunity, a partner) could start with "=". Numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def applications_csv(*, applications: QuerySet[Application], actor: User) -> HttpResponse:
    """The applications (from selectors.application_list_for) as a CSV download, recorded in
    the audit trail."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="bursary-applications.csv"'
    writer = csv.writer(response)
    supports = list(Application.Support)
    writer.writerow(
        [
            "reference",
            "fund",
            "opportunity",
            "status",
            "language",
            "referred_by",
            *[f"support_{support.value}" for support in supports],
            "requested",
            "awarded",
            "reviews",
            "average_score",
            "submitted_on",
            "decided_on",
        ]
    )
    references = []
    for application in applications.order_by("submitted_at"):
        references.append(application.reference)
        row = [
            application.reference,
            application.fund.name,
            application.opportunity.title if application.opportunity else "",
            application.status,
            application.language,
            application.referrer_organisation.name if application.referrer_organisation else "",
            *["yes" if s.value in application.support else "" for s in supports],
            application.amount_requested,
            application.amount_awarded if application.amount_awarded is not None else "",
            application.review_count,
            "" if application.score_total is None else rules.average_score(application.score_total),
            timezone.localdate(application.submitted_at).isoformat(),
            timezone.localdate(application.decided_at).isoformat()
            if application.decided_at
            else "",
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    services.applications_export_record(references=references, actor=actor)
    return response
