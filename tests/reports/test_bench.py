"""bench_reports: it refuses to write into a database that may hold real data, and the data it
makes holds together (here at a small size; the command makes the full year)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from attendance.models import Attendance, CheckIn
from bursaries.models import Application
from dropins.models import Booking
from reports import bench
from reports.models import ReportExport

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 10)
SMALL = bench.Size(
    sessions=6,
    bookings=120,
    applications=40,
    performances=2,
    tickets_per_performance=5,
    network_bookings=10,
    households=30,
)


def test_it_refuses_the_configured_database_unless_its_name_says_bench_or_told_yes():
    with pytest.raises(CommandError, match="may hold real data"):
        call_command("bench_reports", "--here")

    assert not Booking.objects.exists()


def test_the_data_it_makes_holds_together():
    made = bench.bench_data_make(today=TODAY, size=SMALL)

    assert (made.venues, made.sessions, made.bookings, made.applications) == (3, 6, 120, 40)
    assert Booking.objects.count() == 120
    assert made.check_ins == CheckIn.objects.count()
    assert not CheckIn.objects.filter(booking__status="cancelled").exists()
    assert Attendance.objects.count() == 6
    came = Attendance.objects.aggregate(n=Sum("attended_people"))["n"]
    assert came == sum(c.adults + c.children for c in CheckIn.objects.filter(booking__isnull=False))
    decided = Application.objects.filter(status__in=["approved", "declined"])
    assert not decided.filter(decided_at__isnull=True).exists()
    assert all(a.decided_at > a.submitted_at for a in decided)
    first_day = TODAY - datetime.timedelta(days=365)
    assert not Booking.objects.filter(session__date__lt=first_day).exists()
    assert not Booking.objects.filter(session__date__gte=TODAY).exists()
    assert not ReportExport.objects.exists()


def test_two_runs_make_no_clash():
    bench.bench_data_make(today=TODAY, size=SMALL)
    bench.bench_data_make(today=TODAY, size=SMALL)

    assert Booking.objects.count() == 240
