"""A report is counted by a fixed number of aggregate queries: as many with five times the
data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.figures import build_report
from tests.reports import data
from tests.reports.helpers import AUTUMN

pytestmark = pytest.mark.django_db
day = datetime.date


def _programme(size: int):
    royal, stage = data.venue(f"Royal {size}", 0), data.venue(f"Stage {size}", 1)
    partner = data.partner(f"Partner {size}")
    fund = data.fund(f"Fund {size}", "9000", day(2026, 9, 1), day(2026, 12, 31))
    event = data.network_event(f"Event {size}", stage)
    wednesday = data.series(royal)
    for week in range(size):
        session = data.session(wednesday, day(2026, 9, 2) + datetime.timedelta(weeks=week))
        data.families(session, 3, email=f"family{week}@example.org", language="ar")
        data.came(session, adults=2)
        opportunity = data.opportunity(f"Course {size}-{week}", stage)
        data.application(
            fund,
            sent=day(2026, 9, 3),
            opportunity=opportunity,
            status="approved",
            awarded="90",
            decided=day(2026, 9, 10 + week % 20),
        )
        night = data.performance(royal, day(2026, 9, 5) + datetime.timedelta(weeks=week))
        data.guest_party(night, partner, come=week % 2 == 0)
        data.network_booking(
            data.network_date(event, day(2026, 9, 6) + datetime.timedelta(weeks=week))
        )


def _queries() -> int:
    with CaptureQueriesContext(connection) as captured:
        build_report(period=AUTUMN)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_data():
    _programme(2)
    small = _queries()
    _programme(10)
    assert _queries() == small
    assert small <= 16
