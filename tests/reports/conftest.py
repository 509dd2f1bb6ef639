"""Reports' tests: programme staff, the other roles, and exports asked for."""

import datetime

import pytest

from partners.models import PartnerOrganisation
from reports import services
from reports.models import ReportExport
from tests.factories import user_with_role
from tests.partners.conftest import make_worker

TERM_START, TERM_END = datetime.date(2026, 9, 1), datetime.date(2026, 11, 9)


@pytest.fixture
def staff(db):
    return user_with_role("Programme staff", email="manager@example.org")


@pytest.fixture
def other_staff(db):
    return user_with_role("Programme staff", email="colleague@example.org")


@pytest.fixture
def partner_worker(db):
    organisation = PartnerOrganisation.objects.create(name="New Routes")
    return make_worker(organisation, email="sam@example.org").user


@pytest.fixture
def not_staff(request, volunteer, reviewer, partner_worker):
    """Everyone signed in who is not programme staff, by role."""
    return {"volunteer": volunteer, "reviewer": reviewer, "partner worker": partner_worker}


@pytest.fixture
def ask_for(staff):
    """An export asked for by `staff` (queued: its task runs when the test's transaction
    commits, which a test in a rolled-back transaction never does)."""

    def ask_for(file_format=ReportExport.Format.XLSX, *, by=None, **fields) -> ReportExport:
        values = {"start": TERM_START, "end": TERM_END, "venue_slug": "", "language": "en"}
        values.update(fields)
        return services.export_request(actor=by or staff, file_format=file_format, **values)

    return ask_for


def ready(export: ReportExport, content: bytes = b"a,b\r\n", name: str = "report.csv"):
    ReportExport.objects.filter(pk=export.pk).update(
        status=ReportExport.Status.READY, progress=100, content=content, file_name=name
    )
    export.refresh_from_db()
    return export
