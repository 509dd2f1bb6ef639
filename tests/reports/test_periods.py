"""The period a report covers, read from the query string."""

import datetime

import pytest
from django.http import QueryDict

from reports.periods import financial_year_of, period_from_query, quarter_of, term_of

TODAY = datetime.date(2026, 11, 10)
day = datetime.date


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("", day(2026, 9, 1), day(2026, 12, 31)),
        ("period=term", day(2026, 9, 1), day(2026, 12, 31)),
        ("period=term&start=2027-02-14", day(2027, 1, 1), day(2027, 4, 30)),
        ("period=term&start=2026-06-30", day(2026, 5, 1), day(2026, 8, 31)),
        ("period=quarter", day(2026, 10, 1), day(2026, 12, 31)),
        ("period=quarter&start=2026-05-05", day(2026, 4, 1), day(2026, 6, 30)),
        ("period=year", day(2026, 4, 1), day(2027, 3, 31)),
        ("period=year&start=2026-03-31", day(2025, 4, 1), day(2026, 3, 31)),
        ("period=custom&start=2026-10-01&end=2026-10-31", day(2026, 10, 1), day(2026, 10, 31)),
        ("period=custom&start=2026-10-01&end=2026-10-01", day(2026, 10, 1), day(2026, 10, 31)),
        ("period=custom&start=2026-10-15&end=2026-11-03", day(2026, 10, 1), day(2026, 11, 30)),
        ("period=custom&start=2028-02-29&end=2028-02-29", day(2028, 2, 1), day(2028, 2, 29)),
        ("period=custom&start=2026-12-31&end=2027-01-01", day(2026, 12, 1), day(2027, 1, 31)),
    ],
)
def test_each_kind_of_period(query, start, end):
    period, errors = period_from_query(QueryDict(query), TODAY)
    assert errors == []
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("period=custom", "Give the first day of the period."),
        ("period=custom&start=2026-10-01", "Give the last day of the period."),
        ("period=custom&start=2026-10-31&end=2026-10-01", "The last day must not be before"),
        ("period=custom&start=2010-01-01&end=2026-10-01", "five years or less"),
        ("period=custom&start=31/10/2026&end=2026-11-01", "Write the date as year-month-day"),
        ("period=week", "Choose a term, a quarter, a financial year"),
        ("period=term&start=1900-01-01", "between 2000 and 2099"),
        ("period=year&start=9999-12-31", "between 2000 and 2099"),
    ],
)
def test_a_period_that_cannot_be_read_says_why(query, error):
    period, errors = period_from_query(QueryDict(query), TODAY)
    assert period is None
    assert any(error in str(message) for message in errors), errors


def test_labels_name_the_period():
    assert term_of(TODAY).label == "Autumn term 2026"
    assert financial_year_of(TODAY).label == "Financial year 2026–27"
    assert quarter_of(TODAY).label == "1 October 2026 to 31 December 2026"
