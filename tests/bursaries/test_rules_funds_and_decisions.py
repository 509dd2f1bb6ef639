"""Bursary rules about a fund's dates and an application still undecided, in their two forms
agreeing on the same rows, and the pages and services that ask them. Days are fixed dates."""

from datetime import date, timedelta

import pytest

from bursaries import rules, selectors
from bursaries.models import Application, Fund
from tests.bursaries.test_rules import applications as applications


@pytest.fixture
def march(db):
    return Fund.objects.create(
        name="March", slug="march", budget=1, opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31)
    )


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 2, 28), Fund.State.UPCOMING),
        (date(2026, 3, 1), Fund.State.OPEN),
        (date(2026, 3, 31), Fund.State.OPEN),
        (date(2026, 4, 1), Fund.State.CLOSED),
    ],
)
def test_a_fund_is_upcoming_open_then_closed_by_its_dates(march, today, state):
    assert rules.fund_state(march, today) == march.state_on(today) == state
    assert rules.is_fund_closed(march, today) is (state == Fund.State.CLOSED)
    assert Fund.objects.filter(rules.fund_closed_q(today), pk=march.pk).exists() is (
        state == Fund.State.CLOSED
    )
    assert Fund.objects.filter(rules.fund_open_q(today), pk=march.pk).exists() is (
        state == Fund.State.OPEN
    )


def test_the_public_list_keeps_funds_closed_within_the_year(march):
    last_day = march.closes_on

    shown = selectors.fund_list_public(today=last_day + selectors.CLOSED_FUNDS_SHOWN_FOR)
    gone = selectors.fund_list_public(
        today=last_day + selectors.CLOSED_FUNDS_SHOWN_FOR + timedelta(days=1)
    )

    assert (shown, gone) == ([march], [])


def test_the_next_opening_is_never_a_closed_fund(march):
    assert selectors.fund_next_opening(today=march.closes_on) == march
    assert selectors.fund_next_opening(today=march.closes_on + timedelta(days=1)) is None


def test_undecided_agrees_in_sql_and_in_python(applications):
    for name, application in applications.items():
        in_sql = Application.objects.filter(rules.undecided_q(), pk=application.pk).exists()
        assert rules.is_undecided(application) is in_sql is application.is_open, name
    undecided = {a.status for a in applications.values() if rules.is_undecided(a)}
    assert undecided == {"submitted", "in_review", "more_information"}
