"""Small-number suppression on whole reports: small random programmes (fixed seeds, the suite's
clock) counted by `build_report`, then read back as a reader who knows the rule would read them,
using every sum the report states: each table's rows and total, the headlines that are a table's
total, each venue's row and its sessions, guest parties named and those who came and did not."""

import csv
import datetime
import io
import random
import re
from decimal import Decimal

import pytest
from django.utils import translation

from reports.exports import report_csv
from reports.figures import build_report
from reports.published import Unit
from tests.reports import data
from tests.reports.helpers import AUTUMN
from venues.models import Venue

pytestmark = pytest.mark.django_db
AUTUMN_DATES = (AUTUMN.start, AUTUMN.end)
SEEDS = range(10)
WEDNESDAYS = [datetime.date(2026, 9, 30) + datetime.timedelta(weeks=n) for n in range(5)]
# Headlines that are one table's total (table, column), or the sum of a table's totals row.
HEADLINE_IS_TOTAL = {
    "people": [("attendance_per_session", 0), ("attendance_per_venue", 0)],
    "applications": [("bursaries_by_fund", 0), ("bursaries_by_opportunity", 0)],
    "awarded": [("bursaries_by_fund", 1), ("bursaries_by_opportunity", 1)],
    "amount": [("awards_by_fund", 0), ("awards_by_opportunity", 0)],
    "no_shows": [("guest_parties_by_partner", 1)],
    "guests": [("guests_by_partner", 0)],
    "hosts": [("guests_by_partner", 1)],
    "tickets": [("network_bookings_per_event", 1)],
}
# What a reader knows besides the sums: in every row and the total of these tables, one column
# is at most another (table, smaller column, larger column).
AT_MOST = [
    ("bursaries_by_fund", 1, 0),  # awarded, applications
    ("bursaries_by_opportunity", 1, 0),
    ("network_bookings_per_event", 0, 1),  # bookings, tickets
]
HEADLINE_IS_GRAND_TOTAL = {
    "households": "households",
    "bookings": "languages_messages",
    "named": "guest_parties_by_partner",
}


def programme(rng: random.Random) -> list:
    """A small programme, mostly in figures from 0 to 6; returns the approved applications."""
    venues = [data.venue(f"Venue {n}", n) for n in range(rng.randint(2, 3))]
    contacts = [f"family{n}@example.org" for n in range(5)] + [""]
    partners = [data.partner("Dereham Aid"), data.partner("New Routes"), None]
    funds = [
        data.fund(name, "5000", datetime.date(2026, 9, 1), datetime.date(2026, 12, 31))
        for name in ("Learning", "Access")
    ]
    opportunities = [None]
    for venue in venues:
        weekly = data.series(venue)
        for day in sorted(rng.sample(WEDNESDAYS, rng.randint(1, 3))):
            session = data.session(weekly, day)
            for _ in range(rng.randint(0, 6)):
                family = data.booking(
                    session,
                    adults=rng.randint(1, 2),
                    children=rng.randint(0, 2),
                    email=rng.choice(contacts),
                    language=rng.choice(["en", "ar", "uk"]),
                    interpreter=rng.choice(["", "", "ar", "uk"]),
                )
                if rng.random() < 0.8:
                    data.came(session, family)
            for _ in range(rng.randint(0, 2)):
                data.came(session, adults=rng.randint(1, 3), children=rng.randint(0, 2))
        opportunities.append(data.opportunity(f"Course at {venue.name}", venue))
        night = data.performance(venue, rng.choice(WEDNESDAYS))
        for _ in range(rng.randint(0, 6)):
            data.guest_party(
                night,
                rng.choice(partners),
                guests=rng.randint(1, 3),
                hosts=rng.randint(0, 1),
                come=rng.random() < 0.6,
            )
    approved = []
    for _ in range(rng.randint(2, 12)):
        sent = datetime.date(2026, 9, 1) + datetime.timedelta(days=rng.randint(0, 50))
        status = rng.choice(["submitted", "approved", "approved", "declined"])
        application = data.application(
            rng.choice(funds),
            sent=sent,
            opportunity=rng.choice(opportunities),
            status=status,
            awarded=rng.choice(["80", "150", "300"]) if status == "approved" else None,
            decided=None if status == "submitted" else sent + datetime.timedelta(rng.randint(0, 9)),
        )
        if status == "approved":
            approved.append(application)
    for title in ("Speak Up training", "Celebration"):
        event = data.network_event(title, rng.choice([*venues, None]))
        date = data.network_date(event, rng.choice(WEDNESDAYS))
        for _ in range(rng.randint(0, 6)):
            data.network_booking(date, tickets=rng.randint(1, 3))
    return approved


def reports_of() -> list:
    """The report for every venue, and for each venue on its own."""
    slugs = ["", *Venue.objects.order_by("position").values_list("slug", flat=True)]
    return [build_report(period=AUTUMN, venue_slug=slug) for slug in slugs]


# The reader's view ------------------------------------------------------------------------------


def published(report) -> dict:
    """Every figure by where it is: ("headline", key) or (table, row index or "total", column),
    with its unit. A median (days) is in no sum."""
    cells = {}
    for section in report.sections:
        for line in section.headlines:
            if line.unit is not Unit.DAYS:
                cells[("headline", line.key)] = (line.cell, line.unit)
        for table in section.tables:
            rows = [*enumerate(table.rows), *([("total", table.total)] if table.total else [])]
            for index, row in rows:
                for column, cell in enumerate(row.cells):
                    cells[(table.key, index, column)] = (cell, table.unit)
    return cells


def stated_sums(report) -> list[tuple]:
    """(whole, parts) for every sum a reader is told of."""
    tables = {table.key: table for section in report.sections for table in section.tables}
    sums = []
    for table in tables.values():
        if table.total is not None:
            for column in range(len(table.columns)):
                parts = [(table.key, index, column) for index in range(len(table.rows))]
                sums.append(((table.key, "total", column), parts))
    for key, places in HEADLINE_IS_TOTAL.items():
        for name, column in places:
            if name in tables:
                sums.append((("headline", key), [(name, "total", column)]))
    for key, name in HEADLINE_IS_GRAND_TOTAL.items():
        columns = range(len(tables[name].columns))
        sums.append((("headline", key), [(name, "total", column) for column in columns]))
    if "attendance_per_venue" in tables:
        sessions = tables["attendance_per_session"].rows
        for index, venue in enumerate(tables["attendance_per_venue"].rows):
            parts = [
                ("attendance_per_session", number, 0)
                for number, row in enumerate(sessions)
                if row.label.endswith(f", {venue.label}")
            ]
            sums.append((("attendance_per_venue", index, 0), parts))
    return sums


def stated_relations(report) -> list[tuple]:
    """(smaller, larger) for every figure a reader knows is at most another."""
    tables = {table.key: table for section in report.sections for table in section.tables}
    relations = []
    for name, smaller, larger in AT_MOST:
        if name in tables:
            for index in [*range(len(tables[name].rows)), "total"]:
                relations.append(((name, index, smaller), (name, index, larger)))
    return relations


def withheld(cell) -> bool:
    return cell.value is None and cell.suppressed


def bounds(cell, unit) -> tuple:
    """What a figure could be, as far as the reader can tell from the cell alone."""
    if not withheld(cell):
        low = max(0, cell.value - 2) if cell.rounded else cell.value
        return Decimal(low), Decimal(cell.value + 2 if cell.rounded else cell.value)
    if unit is Unit.POUNDS:
        return Decimal(0), Decimal("Infinity")
    return (Decimal(5), Decimal("Infinity")) if cell.secondary else (Decimal(1), Decimal(4))


def narrowed(cells: dict, sums: list, relations: list = ()) -> dict:
    """Interval reasoning over every stated sum and every "at most", repeated until nothing
    moves."""
    known = {key: bounds(*value) for key, value in cells.items()}
    for _round in range(100):
        moved = False
        for smaller, larger in relations:
            new = {
                smaller: (known[smaller][0], min(known[smaller][1], known[larger][1])),
                larger: (max(known[larger][0], known[smaller][0]), known[larger][1]),
            }
            moved |= any(new[key] != known[key] for key in new)
            known.update(new)
        for whole, parts in sums:
            lows = [known[part][0] for part in parts]
            highs = [known[part][1] for part in parts]
            new = {whole: (max(known[whole][0], sum(lows)), min(known[whole][1], sum(highs)))}
            for index, part in enumerate(parts):
                others_low = sum(lows) - lows[index]
                others_high = sum(highs[:index] + highs[index + 1 :], Decimal(0))
                low = max(known[part][0], known[whole][0] - others_high)
                new[part] = (low, min(known[part][1], known[whole][1] - others_low))
            moved |= any(new[key] != known[key] for key in new)
            known.update(new)
        if not moved:
            return known
    raise AssertionError("the reasoning did not settle")


def nothing_left_to_withhold(cells, sum_) -> bool:
    """The case the rule cannot hide (four "fewer than 5" under a "fewer than 5" can only be
    ones): a sum whose total is "fewer than 5" and whose parts are "fewer than 5" or 0."""
    whole, parts = sum_
    small = [cells[key][0] for key in (whole, *parts) if cells[key][0].value != 0]
    return withheld(cells[whole][0]) and all(withheld(c) and not c.secondary for c in small)


# The checks ------------------------------------------------------------------------------------


def assert_no_small_count_is_shown(report):
    for place, (cell, unit) in published(report).items():
        if unit is Unit.PEOPLE and not withheld(cell):
            assert cell.value == 0 or cell.value >= 5, (report.venue_slug, place, cell)


def assert_money_from_few_awards_is_withheld(report, approved):
    """Checked against the applications made: money from 1 to 4 awards is never shown."""
    venue = report.venue_slug
    slugs = {a.pk: a.opportunity.venue.slug if a.opportunity else "" for a in approved}
    mine = [a for a in approved if venue in ("", slugs[a.pk])]
    line_of = {
        "awards_by_fund": lambda application: str(application.fund_id),
        "awards_by_opportunity": lambda application: str(application.opportunity_id or "none"),
    }
    for key, line in line_of.items():
        for row in report.table(key).rows:
            few = sum(1 for application in mine if line(application) == row.key)
            if 0 < few < 5:
                assert withheld(row.cells[0]), (venue, key, row.label, few)
    budget = report.table("budget_by_fund")
    for row in budget.rows:
        few = sum(1 for a in approved if a.fund.slug == row.key)
        if 0 < few < 5:
            assert all(withheld(cell) for cell in row.cells), (venue, row.label, few)
    amount = next(h for h in report.section("bursaries").headlines if h.key == "amount")
    if 0 < len(mine) < 5:
        assert withheld(amount.cell)


def assert_no_total_less_published_parts_is_one_withheld_figure(report):
    cells = published(report)
    for whole, parts in stated_sums(report):
        total = cells[whole][0]
        hidden = [part for part in parts if withheld(cells[part][0])]
        rounded = any(cells[key][0].rounded for key in (whole, *parts))
        if withheld(total) or rounded or len(hidden) != 1:
            continue
        rest = sum((cells[part][0].value for part in parts if part not in hidden), 0)
        pytest.fail(
            f"{report.venue_slug or 'all'}: {hidden[0]} = {whole} less the others = "
            f"{total.value - rest}"
        )


def assert_no_withheld_figure_can_be_worked_out(report):
    cells, sums = published(report), stated_sums(report)
    known = narrowed(cells, sums, stated_relations(report))
    for place, (cell, _unit) in cells.items():
        low, high = known[place]
        if not withheld(cell) or low != high:
            continue
        excused = any(
            nothing_left_to_withhold(cells, sum_) for sum_ in sums if place in (sum_[0], *sum_[1])
        )
        assert excused, f"{report.venue_slug or 'all'}: {place} can only be {low}"


def assert_csv_shows_no_small_count(report):
    with translation.override("en"):
        content = report_csv(report).decode("utf-8-sig")
    headlines = [line for section in report.sections for line in section.headlines]
    days = {line.label for line in headlines if line.unit is Unit.DAYS}  # a median, not a count
    for line in csv.reader(io.StringIO(content)):
        for text in line[1:] if line and line[0] not in days else ():
            assert not re.fullmatch(r"\s*[1-4]\s*", text), (report.venue_slug, line)


@pytest.fixture(params=SEEDS, ids=lambda seed: f"seed{seed}")
def random_reports(request):
    approved = programme(random.Random(request.param))
    return reports_of(), approved


def test_no_count_from_one_to_four_is_published_anywhere(random_reports):
    for report in random_reports[0]:
        assert_no_small_count_is_shown(report)


def test_money_from_one_to_four_awards_is_withheld(random_reports):
    reports, approved = random_reports
    for report in reports:
        assert_money_from_few_awards_is_withheld(report, approved)


def test_no_exact_total_less_its_published_parts_is_a_single_withheld_figure(random_reports):
    for report in random_reports[0]:
        assert_no_total_less_published_parts_is_one_withheld_figure(report)


def test_no_withheld_figure_can_be_worked_out_across_the_whole_report(random_reports):
    for report in random_reports[0]:
        assert_no_withheld_figure_can_be_worked_out(report)


def test_the_csv_file_shows_no_count_from_one_to_four(random_reports):
    for report in random_reports[0]:
        assert_csv_shows_no_small_count(report)


def test_a_tiny_drop_in_publishes_no_figure_about_its_three_families():
    session = data.session(data.series(data.venue("Theatre Royal")), WEDNESDAYS[1])
    for number in range(3):
        data.came(session, data.booking(session, email=f"family{number}@example.org"))
    report = build_report(period=AUTUMN)
    attendance = report.section("attendance")
    assert all(withheld(line.cell) for line in attendance.headlines)
    for table in attendance.tables:
        for row in (*table.rows, table.total):
            assert all(withheld(cell) or cell.rounded or cell.value == 0 for cell in row.cells)
    assert withheld(report.table("attendance_per_session").rows[0].cells[0])
    assert withheld(report.table("households").rows[0].cells[0])  # the first-timers
    assert_csv_shows_no_small_count(report)


def test_awards_cannot_be_worked_out_from_being_at_most_the_applications():
    """With sums alone, "Something else" would be 1-3 applications and 3-4 awards: both 3."""
    sent, fund = datetime.date(2026, 10, 1), data.fund("Learning", "5000", *AUTUMN_DATES)
    first, second = data.venue("Venue 0", 0), data.venue("Venue 1", 1)
    applied = {
        data.opportunity("Course 0", first): (1, 0),
        data.opportunity("Course 1", second): (6, 4),
        None: (3, 3),
    }
    for opportunity, (applications, awards) in applied.items():
        for number in range(applications):
            status = "approved" if number < awards else "declined"
            awarded = "100" if status == "approved" else None
            data.application(
                fund,
                sent=sent,
                opportunity=opportunity,
                status=status,
                awarded=awarded,
                decided=sent,
            )
    assert_no_withheld_figure_can_be_worked_out(build_report(period=AUTUMN))
