"""Bursaries: applications and awards by fund and by opportunity, each fund's budget spent and
left, and how long applicants waited for a decision. Four aggregate queries."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _

from bursaries import rules as bursary_rules
from bursaries.models import Application, Fund, Opportunity
from dropins.models import LONDON
from reports.figures.common import Column, Grid, Line, Scope
from reports.published import Cell, Chart, Headline, Row, Section, Table, Unit
from reports.suppression import Ledger, is_small
from sanctuary.expressions import DaysBetween

APPLICATIONS, AWARDED, AMOUNT, DECISIONS = (
    "bursaries:applications",
    "bursaries:awarded",
    "bursaries:amount",
    "bursaries:decisions",
)
APPROVED = Q(status=Application.Status.APPROVED)
DECIDED = (Application.Status.APPROVED, Application.Status.DECLINED)
# Days from applying to a decision: (label, first day, last day or None).
WAITS = (
    ("0-7", 0, 7),
    ("8-14", 8, 14),
    ("15-28", 15, 28),
    ("29-56", 29, 56),
    ("57+", 57, None),
)
NO_OPPORTUNITY = "none"


def _applications(scope: Scope):
    applications = Application.objects.all()
    if scope.venue is not None:
        applications = applications.filter(opportunity__venue=scope.venue)
    return applications


def _sent(scope: Scope) -> list[dict]:
    return list(
        _applications(scope)
        .filter(submitted_at__gte=scope.starts_at, submitted_at__lt=scope.ends_before)
        .values("fund_id", "opportunity_id")
        .annotate(
            applications=Count("pk"),
            awarded=Count("pk", filter=APPROVED),
            amount=Coalesce(
                Sum("amount_awarded", filter=APPROVED),
                bursary_rules.ZERO,
                output_field=bursary_rules.MONEY,
            ),
        )
        .order_by()
    )


def _funds(scope: Scope, fund_ids: set[int]) -> list[Fund]:
    """The funds open at some time in the period, and any others applied to in it, with what
    each has awarded so far (every venue: a fund's budget is not split by venue)."""
    overlapping = Q(opens_on__lte=scope.period.end, closes_on__gte=scope.period.start)
    return list(
        Fund.objects.filter(overlapping | Q(pk__in=fund_ids))
        .annotate(
            awarded=bursary_rules.awarded_expression(),
            awards=Count(
                "applications", filter=Q(applications__status=Application.Status.APPROVED)
            ),
        )
        .order_by("opens_on", "name")
    )


def _waits(scope: Scope) -> dict[int, int]:
    """How many decisions took each number of days, for decisions made in the period."""
    days = DaysBetween(
        TruncDate("decided_at", tzinfo=LONDON), TruncDate("submitted_at", tzinfo=LONDON)
    )
    rows = (
        _applications(scope)
        .filter(
            status__in=DECIDED,
            decided_at__gte=scope.starts_at,
            decided_at__lt=scope.ends_before,
        )
        .annotate(days=days)
        .values("days")
        .annotate(decisions=Count("pk"))
        .order_by()
    )
    return {row["days"]: row["decisions"] for row in rows}


def median_days(histogram: dict[int, int]) -> Decimal | None:
    """The median of the days (a half when two middle values differ)."""
    total = sum(histogram.values())
    if not total:
        return None
    ordered = sorted(histogram.items())

    def nth(n: int) -> int:  # the n-th value, counting from 0
        seen = 0
        for value, count in ordered:
            seen += count
            if n < seen:
                return value
        raise IndexError(n)

    middle = (Decimal(nth((total - 1) // 2)) + Decimal(nth(total // 2))) / 2
    return middle.normalize() if middle == middle.to_integral() else middle


def bursaries_section(scope: Scope) -> Section:
    sent = _sent(scope)
    funds = _funds(scope, {row["fund_id"] for row in sent})
    fund_names = {fund.pk: str(fund.name) for fund in funds}
    opportunity_ids = {row["opportunity_id"] for row in sent if row["opportunity_id"]}
    opportunities = {
        opportunity.pk: str(opportunity.title)
        for opportunity in Opportunity.objects.filter(pk__in=opportunity_ids).order_by(
            "starts_on", "title"
        )
    }
    waits = _waits(scope)

    ledger = Ledger()
    totals = {
        name: sum(row[name] for row in sent) for name in ("applications", "awarded", "amount")
    }
    ledger.count(APPLICATIONS, totals["applications"], may_round=True)
    ledger.count(AWARDED, totals["awarded"], may_round=True)
    ledger.money(AMOUNT, Decimal(totals["amount"]), awards=totals["awarded"])

    counts_columns = [
        Column("applications", _("Applications")),
        Column("awarded", _("Bursaries awarded")),
    ]
    grids = {}
    for by, lines in (
        (
            "fund",
            [
                Line(pk, name, str(pk))
                for pk, name in fund_names.items()
                if any(row["fund_id"] == pk for row in sent)
            ],
        ),
        (
            "opportunity",
            [Line(pk, name, str(pk)) for pk, name in opportunities.items()]
            + (
                [Line(NO_OPPORTUNITY, _("Something else, in their own words"), NO_OPPORTUNITY)]
                if any(row["opportunity_id"] is None for row in sent)
                else []
            ),
        ),
    ):
        counts, amounts = {}, {}
        for row in sent:
            line = row[f"{by}_id"] or NO_OPPORTUNITY
            for name in ("applications", "awarded"):
                counts[(line, name)] = counts.get((line, name), 0) + row[name]
            amounts[line] = amounts.get(line, Decimal(0)) + row["amount"]
        grid = Grid(
            ledger,
            f"by_{by}",
            lines,
            counts_columns,
            counts,
            totals={"applications": APPLICATIONS, "awarded": AWARDED},
            at_most=[("awarded", "applications")],
        )
        for line in lines:
            ledger.money(
                ("amount", by, line.key),
                amounts.get(line.key, Decimal(0)),
                awards=counts.get((line.key, "awarded"), 0),
            )
        ledger.sums(AMOUNT, [("amount", by, line.key) for line in lines])
        grids[by] = (grid, lines)

    for fund in funds:
        ledger.money(("spent", fund.pk), fund.awarded, awards=fund.awards)
        ledger.money(("left", fund.pk), fund.budget - fund.awarded, awards=fund.awards)

    wait_counts = {
        (label, "decisions"): sum(
            count
            for days, count in waits.items()
            if days >= first and (last is None or days <= last)
        )
        for label, first, last in WAITS
    }
    ledger.count(DECISIONS, sum(waits.values()), may_round=True)
    wait_grid = Grid(
        ledger,
        "waits",
        [Line(label, _wait_label(first, last), label) for label, first, last in WAITS],
        [Column("decisions", _("Decisions"))],
        wait_counts,
        grand=DECISIONS,
    )

    cells = ledger.publish()
    tables = []
    for by, title, amount_title, how in (
        (
            "fund",
            _("Applications and bursaries awarded, by fund"),
            _("Money awarded, by fund"),
            _(
                "Applications sent in the period, by the fund applied to (with a venue chosen, "
                "only those for opportunities at that venue). Awarded: those of them approved, "
                "as they stand now."
            ),
        ),
        (
            "opportunity",
            _("Applications and bursaries awarded, by opportunity"),
            _("Money awarded, by opportunity"),
            _(
                "Applications sent in the period, by what they applied for (with a venue "
                "chosen, only those for opportunities at that venue). Awarded: those of them "
                "approved, as they stand now."
            ),
        ),
    ):
        grid, lines = grids[by]
        tables.append(
            grid.table(
                cells,
                key=f"bursaries_by_{by}",
                title=title,
                how_counted=how,
                total_label=_("All applications"),
            )
        )
        tables.append(
            Table(
                key=f"awards_by_{by}",
                title=amount_title,
                how_counted=_(
                    "The amounts awarded to the applications above that were approved. An "
                    "amount made of fewer than 5 awards is withheld, as it could be one "
                    "person's award."
                ),
                columns=(_("Awarded (£)"),),
                rows=tuple(
                    Row(line.label, (cells[("amount", by, line.key)],), line.code) for line in lines
                ),
                unit=Unit.POUNDS,
                total=Row(_("All awards"), (cells[AMOUNT],), "total"),
            )
        )
    tables.append(
        Table(
            key="budget_by_fund",
            title=_("Each fund's budget: spent and left"),
            how_counted=_(
                "For each fund open at some time in the period, everything it has awarded so "
                "far (whenever the applications were sent, at every venue) and what is left of "
                "its budget. Withheld when the fund has made fewer than 5 awards."
            ),
            columns=(_("Spent (£)"), _("Left (£)")),
            rows=tuple(
                Row(
                    fund_names[fund.pk],
                    (cells[("spent", fund.pk)], cells[("left", fund.pk)]),
                    fund.slug,
                )
                for fund in funds
            ),
            unit=Unit.POUNDS,
            chart=Chart.STACKED,
        )
    )
    tables.append(
        wait_grid.table(
            cells,
            key="decision_days",
            title=_("Days from applying to a decision"),
            how_counted=_(
                "Applications approved or declined in the period: the days from the day the "
                "application was sent to the day of the decision."
            ),
            total_label=_("All decisions"),
        )
    )
    decisions = sum(waits.values())
    median = median_days(waits)
    headlines = (
        Headline("applications", _("Applications"), cells[APPLICATIONS], _("Sent in the period.")),
        Headline(
            "awarded",
            _("Bursaries awarded"),
            cells[AWARDED],
            _("Applications sent in the period and approved."),
        ),
        Headline(
            "amount",
            _("Money awarded"),
            cells[AMOUNT],
            _("What the approved applications were awarded."),
            unit=Unit.POUNDS,
        ),
        Headline(
            "median_days",
            _("Typical days to a decision"),
            _median_cell(decisions, median),
            _("The median: half the decisions made in the period took this many days or fewer."),
            unit=Unit.DAYS,
        ),
    )
    return Section(key="bursaries", title=_("Bursaries"), headlines=headlines, tables=tuple(tables))


def _wait_label(first: int, last: int | None) -> str:
    if last is None:
        return _("%(first)s days or more") % {"first": first}
    return _("%(first)s to %(last)s days") % {"first": first, "last": last}


def _median_cell(decisions: int, median: Decimal | None) -> Cell:
    """A median of fewer than 5 decisions is withheld; with none, there is none."""
    if is_small(decisions):
        return Cell(None, suppressed=True)
    return Cell(median)
