"""The drop-in's figures, computed from known check-ins and bookings and compared."""

import datetime

import pytest

from dropins.models import Booking
from reports.figures import build_report
from reports.published import Unit
from tests.reports import data
from tests.reports.helpers import AUTUMN, WITHHELD, every_cell, figures, headline

pytestmark = pytest.mark.django_db
OCT_7, OCT_14, OCT_15 = (
    datetime.date(2026, 10, 7),
    datetime.date(2026, 10, 14),
    datetime.date(2026, 10, 15),
)


@pytest.fixture
def drop_ins():
    royal = data.venue("Theatre Royal", 0)
    stage = data.venue("Stage Two", 1)
    wednesdays, thursdays = data.series(royal), data.series(stage, weekday=3)
    # Before the period: a family who will come back.
    august = data.session(wednesdays, datetime.date(2026, 8, 26))
    data.came(august, data.booking(august, email="old@example.org"))

    first = data.session(wednesdays, OCT_7)
    for number in range(1, 6):
        data.came(first, data.booking(first, email=f"e{number}@example.org"))
    data.came(first, data.booking(first, email="old@example.org"))  # came before the period
    data.came(first, adults=2, children=1)  # a walk-in group
    data.families(first, 5, come=False, language="ar", interpreter="ar")  # no-shows
    data.booking(first, language="uk", status=Booking.Status.CANCELLED)

    second = data.session(wednesdays, OCT_14)
    for number in range(1, 6):
        data.came(second, data.booking(second, adults=2, email=f"e{number}@example.org"))
    data.families(second, 5)  # no contact given
    undone = data.booking(second, adults=3)
    data.came(second, undone, voided=True)

    stage_session = data.session(thursdays, OCT_15)
    for number in range(5):
        data.came(stage_session, data.booking(stage_session, phone=f"+44791100000{number}"))

    cancelled = data.session(wednesdays, datetime.date(2026, 10, 21), cancelled=True)
    data.families(cancelled, 5, come=False)
    future = data.session(wednesdays, datetime.date(2026, 11, 18))
    data.families(future, 5, come=False)
    return royal, stage, stage_session


def test_people_who_came_to_each_session_and_each_venue(drop_ins):
    report = build_report(period=AUTUMN)
    assert figures(report.table("attendance_per_session")) == {
        "Wed 7 Oct 2026, Theatre Royal": [9],
        "Wed 14 Oct 2026, Theatre Royal": [15],
        "Thu 15 Oct 2026, Stage Two": [5],
        "total": [29],
    }
    assert figures(report.table("attendance_per_venue")) == {
        "Theatre Royal": [24],
        "Stage Two": [5],
        "total": [29],
    }
    assert headline(report, "attendance", "people") == 29


def test_families_for_the_first_time_and_again_by_contact(drop_ins):
    table = build_report(period=AUTUMN).table("households")
    assert table.columns == ("Theatre Royal", "Stage Two")
    assert figures(table) == {
        "Came for the first time": [5, 5],
        "Came before": [6, 0],
        "No contact to tell": [5, 0],
        "total": [16, 5],
    }


def test_languages_booked_in_and_interpreters_asked_for(drop_ins):
    report = build_report(period=AUTUMN)
    assert figures(report.table("languages_messages")) == {
        "Arabic": [5, 0],
        "English": [17, 5],
        "total": [22, 5],
    }
    assert figures(report.table("languages_interpreters")) == {"Arabic": [5, 0], "total": [5, 0]}
    assert headline(report, "attendance", "bookings") == 27


def test_one_venue_chosen_counts_only_its_sessions(drop_ins):
    _royal, stage, _session = drop_ins
    report = build_report(period=AUTUMN, venue_slug=stage.slug)
    assert report.venue_name == "Stage Two"
    assert figures(report.table("attendance_per_session")) == {
        "Thu 15 Oct 2026": [5],
        "total": [5],
    }
    assert figures(report.table("households")) == {
        "Came for the first time": [5],
        "Came before": [0],
        "No contact to tell": [0],
        "total": [5],
    }
    assert [table.key for table in report.section("attendance").tables].count(
        "attendance_per_venue"
    ) == 0


def test_a_small_session_is_withheld_and_cannot_be_worked_out(drop_ins):
    _royal, _stage, stage_session = drop_ins
    small = data.session(stage_session.series, datetime.date(2026, 10, 22))
    data.came(small, data.booking(small, adults=2))
    report = build_report(period=AUTUMN)
    sessions = figures(report.table("attendance_per_session"))
    assert sessions["Thu 22 Oct 2026, Stage Two"] == [WITHHELD]
    withheld = [label for label, values in sessions.items() if values == [WITHHELD]]
    assert len(withheld) >= 2 or report.table("attendance_per_session").total.cells[0].rounded
    for unit, cell in every_cell(report):
        if unit is Unit.PEOPLE and not cell.suppressed:
            assert cell.value == 0 or cell.value >= 5
