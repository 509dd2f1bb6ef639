"""The network's events: bookings and tickets per event. Two aggregate queries."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from events.models import NetworkBooking, NetworkEvent
from reports.figures.common import Column, Grid, Line, Scope
from reports.published import Headline, Section
from reports.suppression import Ledger

BOOKINGS, TICKETS = "network:bookings", "network:tickets"


def _per_event(scope: Scope) -> list[dict]:
    bookings = NetworkBooking.objects.filter(
        status=NetworkBooking.Status.CONFIRMED,
        date__cancelled_at__isnull=True,
        date__starts_at__gte=scope.starts_at,
        date__starts_at__lt=scope.ends_before,
    )
    if scope.venue is not None:
        bookings = bookings.filter(date__event__venue=scope.venue)
    return list(
        bookings.values("date__event_id")
        .annotate(bookings=Count("pk"), tickets=Coalesce(Sum("tickets"), 0))
        .order_by()
    )


def network_section(scope: Scope) -> Section:
    rows = _per_event(scope)
    events = NetworkEvent.objects.filter(pk__in=[row["date__event_id"] for row in rows]).order_by(
        "title"
    )
    lines = [Line(event.pk, str(event.title), event.slug) for event in events]
    counts = {}
    for row in rows:
        counts[(row["date__event_id"], "bookings")] = row["bookings"]
        counts[(row["date__event_id"], "tickets")] = row["tickets"]
    ledger = Ledger()
    ledger.count(BOOKINGS, sum(row["bookings"] for row in rows), may_round=True)
    ledger.count(TICKETS, sum(row["tickets"] for row in rows), may_round=True)
    grid = Grid(
        ledger,
        "events",
        lines,
        [Column("bookings", _("Bookings")), Column("tickets", _("Tickets"))],
        counts,
        totals={"bookings": BOOKINGS, "tickets": TICKETS},
        at_most=[("bookings", "tickets")],  # a booking holds one ticket or more
    )
    cells = ledger.publish()
    table = grid.table(
        cells,
        key="network_bookings_per_event",
        title=_("Bookings for the network's events"),
        how_counted=_(
            "Bookings standing (not cancelled) for the dates of each event in the period, "
            "and the tickets they hold; with a venue chosen, only events at that venue."
        ),
        total_label=_("All events"),
    )
    headlines = (
        Headline("tickets", _("Tickets booked"), cells[TICKETS], _("For the network's events.")),
    )
    return Section(
        key="network", title=_("The network's events"), headlines=headlines, tables=(table,)
    )
