"""After the night: a performance's figures per partner (and the theatre's own guests, and the
shared pool), computed by aggregate queries whose number does not grow with the tickets."""

from dataclasses import dataclass, fields

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from attendance import rules
from attendance.models import CheckIn
from events import rules as event_rules
from events.models import GuestTicket, Performance


@dataclass
class PartnerFigures:
    """One row of the figures: whose seats, how many, who was named, who came."""

    label: str
    seats: int = 0  # in the quota (or the pool)
    released: int = 0  # given back to the pool at the deadline
    parties: int = 0  # named parties on the door's list
    guests: int = 0
    hosts: int = 0
    attended: int = 0  # parties checked in
    guests_in: int = 0
    hosts_in: int = 0
    no_shows: int = 0  # named parties nobody came for

    def add(self, other: "PartnerFigures") -> None:
        for field in fields(self):
            if field.name != "label":
                setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


@dataclass(frozen=True)
class DoorFigures:
    rows: list[PartnerFigures]
    total: PartnerFigures
    walk_up_guests: int
    walk_up_hosts: int

    @property
    def walk_ups(self) -> int:
        return self.walk_up_guests + self.walk_up_hosts


def door_figures(performance: Performance) -> DoorFigures:
    """The figures of a performance with guest seats. Five queries, however many tickets."""
    allocation = performance.allocation
    quotas = list(allocation.quotas.select_related("organisation"))
    named = (
        GuestTicket.objects.filter(rules.on_door_list_q(), allocation=allocation)
        .values("quota_id")
        .annotate(
            parties=Count("pk"),
            named_guests=Coalesce(Sum("guests"), 0),
            named_hosts=Coalesce(Sum("hosts"), 0),
            attended=Count("pk", filter=rules.attended_q()),
            no_shows=Count("pk", filter=rules.no_show_q()),
        )
    )
    came = (
        CheckIn.objects.filter(
            performance=performance, voided_at__isnull=True, ticket__isnull=False
        )
        .filter(rules.on_door_list_q("ticket__"))
        .values("ticket__quota_id")
        .annotate(guests_in=Coalesce(Sum("guests"), 0), hosts_in=Coalesce(Sum("hosts"), 0))
    )
    walk_ups = CheckIn.objects.filter(
        performance=performance, voided_at__isnull=True, ticket__isnull=True
    ).aggregate(walk_up_guests=Coalesce(Sum("guests"), 0), walk_up_hosts=Coalesce(Sum("hosts"), 0))

    by_quota = {
        quota.pk: PartnerFigures(label=str(quota), seats=quota.seats, released=quota.released_seats)
        for quota in quotas
    }
    pool = PartnerFigures(label=str(_("Shared pool")), seats=event_rules.pool_seats(allocation))
    for row in named:
        figures = by_quota.get(row["quota_id"], pool)
        figures.parties = row["parties"]
        figures.guests, figures.hosts = row["named_guests"], row["named_hosts"]
        figures.attended, figures.no_shows = row["attended"], row["no_shows"]
    for row in came:
        figures = by_quota.get(row["ticket__quota_id"], pool)
        figures.guests_in, figures.hosts_in = row["guests_in"], row["hosts_in"]
    rows = [*by_quota.values(), pool]
    total = PartnerFigures(label=str(_("All guests")))
    for row in rows:
        total.add(row)
    return DoorFigures(
        rows=rows,
        total=total,
        walk_up_guests=walk_ups["walk_up_guests"],
        walk_up_hosts=walk_ups["walk_up_hosts"],
    )
