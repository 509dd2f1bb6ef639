"""The reports' rules, each written once: who may see the programme's reports, edit the award
evidence and download an export; which exports are made in the background, when one has waited
too long or is kept no longer; and how a family who came to the drop-in counts as coming for the
first time or returning, by their booking's contact alone (nothing new is stored about anyone).
tests/reports/test_rules.py checks the two forms of the last agree."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, F, Min, Q, When, Window

from attendance.rules import booking_came_q
from dropins.models import Booking
from reports.models import ReportExport
from sanctuary.models import User

VIEW_REPORTS = "reports.view_reports"

# An export for a period longer than this is refused (an award renewal looks back about three
# years).
LONGEST_PERIOD_DAYS = 5 * 366
# A CSV of the figures for up to four months (a term, a quarter) is made while the person waits;
# anything longer, a spreadsheet and the evidence pack are made by the worker.
DIRECT_CSV_DAYS = 124
# A queued export not started within this is queued again by the sweep (the broker was away).
QUEUED_GRACE = datetime.timedelta(minutes=2)
# The task's limits, and how long a worker holds an export it is making: longer than the hard
# limit, so a running export past its lease belongs to a worker that died.
SOFT_TIME_LIMIT_SECONDS = 240
TIME_LIMIT_SECONDS = 300
RUNNING_LEASE = datetime.timedelta(seconds=TIME_LIMIT_SECONDS + 60)
# Tries before an export is marked as failed, rather than have it stop worker after worker.
MAX_ATTEMPTS = 3

EVIDENCE_FORMATS = frozenset({ReportExport.Format.EVIDENCE_CSV, ReportExport.Format.EVIDENCE_XLSX})


def may_see_reports(user: User) -> bool:
    """Programme staff see the reports and export them; reviewers, volunteers and partner
    workers do not."""
    return user.is_authenticated and user.is_active and user.has_perm(VIEW_REPORTS)


def may_edit_evidence(user: User) -> bool:
    return may_see_reports(user) and user.has_perm("reports.change_evidencestatement")


def may_see_export(user: User, export: ReportExport) -> bool:
    """An export's page and file are for the person who asked for it, while they may still see
    reports: its link is not a key that someone it is passed to could use."""
    return may_see_reports(user) and export.requested_by_id == user.pk


def may_download(export: ReportExport) -> bool:
    return export.status == ReportExport.Status.READY


def whole_months(start: datetime.date, end: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The dates a report covers: from the first day of `start`'s month to the last day of
    `end`'s. Terms, quarters and years are whole months already; dates of one's choice are
    widened, so that two reports a few days apart cannot be set against each other to tell
    what one session's families did (a figure withheld in the one session's own report)."""
    after_end = (end.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start.replace(day=1), after_end - datetime.timedelta(days=1)


def period_is_allowed(start: datetime.date, end: datetime.date) -> bool:
    return start <= end and (end - start).days < LONGEST_PERIOD_DAYS


def is_made_directly(*, file_format: str, start: datetime.date, end: datetime.date) -> bool:
    """A CSV of the figures for up to DIRECT_CSV_DAYS is answered at once; the rest is made by
    the worker, with its progress shown."""
    return file_format == ReportExport.Format.CSV and (end - start).days < DIRECT_CSV_DAYS


def is_finished(export: ReportExport) -> bool:
    return export.status in {ReportExport.Status.READY, ReportExport.Status.FAILED}


def claimable_q(now: datetime.datetime) -> Q:
    """Exports a worker may start: waiting, or still "running" past the lease of a dead worker."""
    return Q(status=ReportExport.Status.QUEUED) | Q(
        status=ReportExport.Status.RUNNING, started_at__lt=now - RUNNING_LEASE
    )


def is_claimable(export: ReportExport, now: datetime.datetime) -> bool:
    if export.status == ReportExport.Status.QUEUED:
        return True
    return (
        export.status == ReportExport.Status.RUNNING
        and export.started_at is not None
        and export.started_at < now - RUNNING_LEASE
    )


def overdue_q(now: datetime.datetime) -> Q:
    """Exports the sweep queues again: waiting past QUEUED_GRACE, or abandoned mid-way."""
    return Q(status=ReportExport.Status.QUEUED, created_at__lt=now - QUEUED_GRACE) | Q(
        status=ReportExport.Status.RUNNING, started_at__lt=now - RUNNING_LEASE
    )


def keep_until(export: ReportExport) -> datetime.datetime:
    return export.created_at + datetime.timedelta(days=settings.REPORTS_EXPORT_KEEP_DAYS)


def expired_q(now: datetime.datetime) -> Q:
    return Q(created_at__lt=now - datetime.timedelta(days=settings.REPORTS_EXPORT_KEEP_DAYS))


def has_contact(booking: Booking) -> bool:
    """The booking still gives an email address or a mobile number (they are forgotten
    DROPIN_KEEP_DAYS after the session)."""
    return bool(booking.email) or bool(str(booking.phone or ""))


def has_contact_q() -> Q:
    return ~Q(email="") | ~Q(phone="")


def is_returning(booking: Booking, others: list[Booking], *, came: set[int]) -> bool:
    """A family is returning when an earlier booking (for a session that started before this
    one's) with the same email address or mobile number was come to. `came` holds the ids of
    the bookings whose family came."""
    if not has_contact(booking):
        return False
    return any(
        other.pk in came
        and other.session.starts_at < booking.session.starts_at
        and (
            (booking.email and other.email == booking.email)
            or (str(booking.phone or "") and str(other.phone or "") == str(booking.phone))
        )
        for other in others
    )


def _first_came_at(field: str) -> Window:
    """When the family with a booking's email address (or mobile number) first came: the start
    of the earliest session whose booking with the same contact was checked in (null for a
    booking without that contact)."""
    came_with_contact = booking_came_q() & ~Q(**{field: ""})
    return Window(
        Min(Case(When(came_with_contact, then=F("session__starts_at")))),
        partition_by=[F(field)],
    )


def returning_q() -> Q:
    """The same, in SQL, on bookings: the session started after the booking's contact first
    came. Each contact's first visit is worked out once, in one pass over the bookings (a
    window), rather than looked up again for every booking counted."""
    returning = (
        Booking.objects.annotate(
            first_by_email=_first_came_at("email"), first_by_phone=_first_came_at("phone")
        )
        .filter(
            Q(first_by_email__lt=F("session__starts_at"))
            | Q(first_by_phone__lt=F("session__starts_at"))
        )
        .values("pk")
    )
    return has_contact_q() & Q(pk__in=returning)


@dataclass(frozen=True)
class Families:
    """Families who came, by whether they came before (returning_q)."""

    first: int
    returning: int
    unknown: int


def family_kinds() -> dict:
    """The aggregates that count, among bookings whose family came, those with a contact, those
    returning and those without a contact; `families_of` turns a row of them into Families."""
    return {
        "with_contact": Count("pk", filter=has_contact_q()),
        "returning": Count("pk", filter=returning_q()),
        "unknown": Count("pk", filter=~has_contact_q()),
    }


def families_of(row: dict) -> Families:
    # returning_q implies a contact: the rest of those with one came for the first time.
    return Families(
        first=row["with_contact"] - row["returning"],
        returning=row["returning"],
        unknown=row["unknown"],
    )
