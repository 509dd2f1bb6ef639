"""Guests at performances: the parties each partner named, who came and who did not, and the
guests and hosts who came. Two aggregate queries."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from attendance import rules as door_rules
from attendance.models import CheckIn
from events.models import GuestTicket, Performance
from reports.figures.common import Column, Grid, Line, Scope
from reports.published import Chart, Headline, Section
from reports.suppression import Ledger

CAME, NO_SHOWS, NAMED, GUESTS, HOSTS = (
    "guests:came",
    "guests:no_shows",
    "guests:named",
    "guests:guests",
    "guests:hosts",
)
THEATRE = "theatre"


def _performances(scope: Scope):
    """Performances held in the period: not cancelled, and started by now (before then nobody
    is a no-show yet)."""
    performances = Performance.objects.filter(
        cancelled_at__isnull=True,
        starts_at__gte=scope.starts_at,
        starts_at__lt=scope.until,
    )
    if scope.venue is not None:
        performances = performances.filter(venue=scope.venue)
    return performances


def _parties(scope: Scope) -> list[dict]:
    return list(
        GuestTicket.objects.filter(
            door_rules.on_door_list_q(), allocation__performance__in=_performances(scope)
        )
        .values("organisation_id", "organisation__name")
        .annotate(
            came=Count("pk", filter=door_rules.attended_q()),
            no_shows=Count("pk", filter=door_rules.no_show_q()),
        )
        .order_by()
    )


def _people(scope: Scope) -> dict:
    rows = (
        CheckIn.objects.filter(
            door_rules.on_door_list_q("ticket__"),
            performance__in=_performances(scope),
            voided_at__isnull=True,
            ticket__isnull=False,
        )
        .values("ticket__organisation_id")
        .annotate(guests=Coalesce(Sum("guests"), 0), hosts=Coalesce(Sum("hosts"), 0))
        .order_by()
    )
    return {row["ticket__organisation_id"] or THEATRE: row for row in rows}


def guests_section(scope: Scope) -> Section:
    parties = _parties(scope)
    people = _people(scope)
    names = {row["organisation_id"] or THEATRE: row["organisation__name"] for row in parties}
    names[THEATRE] = _("The theatre's own guests and the shared pool")
    keys = sorted(
        {row["organisation_id"] or THEATRE for row in parties} | set(people),
        key=lambda key: (key == THEATRE, str(names.get(key, ""))),
    )
    lines = [Line(key, str(names.get(key) or ""), str(key)) for key in keys]

    ledger = Ledger()
    counts = {}
    for row in parties:
        key = row["organisation_id"] or THEATRE
        counts[(key, "came")] = row["came"]
        counts[(key, "no_shows")] = row["no_shows"]
    ledger.count(CAME, sum(counts.get((key, "came"), 0) for key in keys), may_round=True)
    ledger.count(NO_SHOWS, sum(counts.get((key, "no_shows"), 0) for key in keys), may_round=True)
    ledger.count(NAMED, sum(counts.values()), may_round=True)
    ledger.sums(NAMED, [CAME, NO_SHOWS])
    party_grid = Grid(
        ledger,
        "parties",
        lines,
        [Column("came", _("Parties who came")), Column("no_shows", _("No-shows"))],
        counts,
        totals={"came": CAME, "no_shows": NO_SHOWS},
    )
    people_counts = {
        (key, name): people[key][name] for key in people for name in ("guests", "hosts")
    }
    ledger.count(GUESTS, sum(row["guests"] for row in people.values()), may_round=True)
    ledger.count(HOSTS, sum(row["hosts"] for row in people.values()), may_round=True)
    people_grid = Grid(
        ledger,
        "people",
        lines,
        [Column("guests", _("Guests who came")), Column("hosts", _("Hosts who came"))],
        people_counts,
        totals={"guests": GUESTS, "hosts": HOSTS},
    )

    cells = ledger.publish()
    tables = (
        party_grid.table(
            cells,
            key="guest_parties_by_partner",
            title=_("Guest parties by partner: who came and who did not"),
            how_counted=_(
                "Guest tickets still standing (not cancelled) for performances held in the "
                "period, by the partner organisation that named them; the theatre's own guests "
                "and seats from the shared pool together. A party came when it was checked in "
                "at the door; a no-show is a party nobody came for."
            ),
            total_label=_("All partners"),
            chart=Chart.STACKED,
        ),
        people_grid.table(
            cells,
            key="guests_by_partner",
            title=_("Guests and hosts who came, by partner"),
            how_counted=_(
                "The guests and the hosts who came with them, as checked in at the door with "
                "their ticket. People who came without a ticket are not counted here."
            ),
            total_label=_("All partners"),
        ),
    )
    headlines = (
        Headline("named", _("Guest parties named"), cells[NAMED], _("Guest tickets standing.")),
        Headline("guests", _("Guests who came"), cells[GUESTS], _("Checked in with a ticket.")),
        Headline("hosts", _("Hosts who came"), cells[HOSTS], _("Checked in with a guest.")),
        Headline("no_shows", _("No-shows"), cells[NO_SHOWS], _("Parties nobody came for.")),
    )
    return Section(
        key="guests", title=_("Guests at performances"), headlines=headlines, tables=tables
    )
