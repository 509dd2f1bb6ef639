"""Bursary figures, computed from known applications and compared."""

import datetime
from decimal import Decimal

import pytest

from reports.figures import build_report
from reports.figures.bursaries import median_days
from reports.published import Unit
from tests.reports import data
from tests.reports.helpers import AUTUMN, WITHHELD, figures, headline

pytestmark = pytest.mark.django_db
day = datetime.date


@pytest.fixture
def bursaries():
    royal, stage = data.venue("Theatre Royal", 0), data.venue("Stage Two", 1)
    learning = data.fund("Learning", "5000", day(2026, 9, 1), day(2026, 12, 31))
    summer = data.fund("Summer", "1000", day(2026, 5, 1), day(2026, 8, 31))
    acting = data.opportunity("Acting course", royal)
    youth = data.opportunity("Youth theatre", stage)
    for _ in range(5):
        data.application(
            learning,
            sent=day(2026, 9, 10),
            opportunity=acting,
            status="approved",
            awarded="100",
            decided=day(2026, 9, 20),
        )
        data.application(
            learning,
            sent=day(2026, 9, 10),
            opportunity=acting,
            status="declined",
            decided=day(2026, 10, 30),
        )
        data.application(
            learning,
            sent=day(2026, 10, 1),
            opportunity=youth,
            status="approved",
            awarded="50",
            decided=day(2026, 10, 3),
        )
        data.application(learning, sent=day(2026, 10, 5))  # their own idea, undecided
    # Before the period, from a fund closed before it: in no figure.
    data.application(
        summer, sent=day(2026, 8, 20), status="approved", awarded="300", decided=day(2026, 8, 25)
    )
    return royal, stage, learning


def test_applications_and_awards_by_fund_and_by_opportunity(bursaries):
    report = build_report(period=AUTUMN)
    assert figures(report.table("bursaries_by_fund")) == {"Learning": [20, 10], "total": [20, 10]}
    assert figures(report.table("awards_by_fund")) == {
        "Learning": [Decimal("750.00")],
        "total": [Decimal("750.00")],
    }
    assert figures(report.table("bursaries_by_opportunity")) == {
        "Acting course": [10, 5],
        "Youth theatre": [5, 5],
        "Something else, in their own words": [5, 0],
        "total": [20, 10],
    }
    assert figures(report.table("awards_by_opportunity")) == {
        "Acting course": [Decimal("500.00")],
        "Youth theatre": [Decimal("250.00")],
        "Something else, in their own words": [Decimal("0")],
        "total": [Decimal("750.00")],
    }
    assert headline(report, "bursaries", "applications") == 20
    assert headline(report, "bursaries", "awarded") == 10
    assert headline(report, "bursaries", "amount") == Decimal("750.00")


def test_each_funds_budget_spent_and_left(bursaries):
    table = build_report(period=AUTUMN).table("budget_by_fund")
    assert table.unit is Unit.POUNDS
    assert figures(table) == {"Learning": [Decimal("750.00"), Decimal("4250.00")]}


def test_days_from_applying_to_a_decision(bursaries):
    report = build_report(period=AUTUMN)
    assert figures(report.table("decision_days")) == {
        "0 to 7 days": [5],
        "8 to 14 days": [5],
        "15 to 28 days": [0],
        "29 to 56 days": [5],
        "57 days or more": [0],
        "total": [15],
    }
    assert headline(report, "bursaries", "median_days") == 10


def test_one_venue_counts_the_opportunities_there(bursaries):
    _royal, stage, _learning = bursaries
    report = build_report(period=AUTUMN, venue_slug=stage.slug)
    assert figures(report.table("bursaries_by_opportunity")) == {
        "Youth theatre": [5, 5],
        "total": [5, 5],
    }
    assert headline(report, "bursaries", "median_days") == 2


def test_money_from_fewer_than_five_awards_is_withheld_with_another(bursaries):
    small = data.fund("Small grants", "400", day(2026, 10, 1), day(2026, 10, 31))
    for _ in range(2):
        data.application(
            small, sent=day(2026, 10, 2), status="approved", awarded="80", decided=day(2026, 10, 9)
        )
    report = build_report(period=AUTUMN)
    amounts = figures(report.table("awards_by_fund"))
    assert amounts["Small grants"] == [WITHHELD]
    published = [values[0] for label, values in amounts.items() if label != "total"]
    total = amounts["total"][0]
    assert total == WITHHELD or published.count(WITHHELD) >= 2
    assert figures(report.table("budget_by_fund"))["Small grants"] == [WITHHELD, WITHHELD]
    assert figures(report.table("bursaries_by_fund"))["Small grants"] == [WITHHELD, WITHHELD]


def test_the_median_of_an_even_number_of_waits_is_halfway():
    assert median_days({2: 1, 5: 1}) == Decimal("3.5")
    assert median_days({2: 3, 9: 2}) == 2
    assert median_days({}) is None
