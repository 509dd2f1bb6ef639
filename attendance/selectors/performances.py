"""Reads for a performance's door: today's performances, the door's guest tickets and
walk-ups, its totals and what changed since a tablet last asked, each in a fixed number of
queries."""

from dataclasses import dataclass

from django.db.models import F, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from attendance import rules
from attendance.models import CheckIn
from attendance.selectors.changes import RegisterChanges, RegisterCursor, changes_since, cursor_of
from dropins.models import LONDON
from events.models import GuestTicket, Performance
from sanctuary.codes import reference_normalise
from sanctuary.models import User


def _people():
    return F("guests") + F("hosts")


def _sum_of(queryset, group: str):
    """The guests and hosts of `queryset`'s rows for each performance, as a subquery."""
    return Coalesce(
        Subquery(
            queryset.values(group).annotate(people=Sum(_people())).values("people"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def door_performances_today(*, user: User, today=None) -> list[Performance]:
    """Today's performances with guest seats at the venues this person takes attendance at,
    with `people_named` and `people_arrived`. One query."""
    today = today or timezone.localdate(timezone=LONDON)
    named = GuestTicket.objects.filter(
        rules.on_door_list_q(), allocation__performance=OuterRef("pk")
    )
    arrived = CheckIn.objects.filter(performance=OuterRef("pk"), voided_at__isnull=True)
    start, end = rules.door_day(today)
    return list(
        Performance.objects.select_related("venue")
        .filter(
            rules.doors_open_to_q(user, today),
            allocation__isnull=False,
            starts_at__gte=start,
            starts_at__lt=end,
            venue__is_active=True,
        )
        .annotate(
            people_named=_sum_of(named, "allocation__performance"),
            people_arrived=_sum_of(arrived, "performance"),
        )
        .order_by("starts_at", "venue__position")
    )


def door_performance_get(*, user: User, pk: int, today=None) -> Performance | None:
    """The performance whose door this person may open: volunteers only today's at their
    venues; programme staff any performance's. With its allocation."""
    today = today or timezone.localdate(timezone=LONDON)
    return (
        Performance.objects.select_related("venue", "allocation")
        .filter(rules.doors_open_to_q(user, today), allocation__isnull=False, pk=pk)
        .first()
    )


@dataclass(frozen=True)
class DoorTotals:
    seats: int  # guest seats and companion seats together
    guests_named: int
    hosts_named: int
    guests_in: int
    hosts_in: int
    walk_up_guests: int
    walk_up_hosts: int
    expected_people: int  # named and not here yet

    @property
    def named_people(self) -> int:
        return self.guests_named + self.hosts_named

    @property
    def arrived_people(self) -> int:
        return self.guests_in + self.hosts_in

    @property
    def walk_in_people(self) -> int:
        return self.walk_up_guests + self.walk_up_hosts

    @property
    def on_site(self) -> int:
        return self.arrived_people + self.walk_in_people

    @property
    def places_left(self) -> int:
        """Seats not taken by people here or named people still to come (may be negative)."""
        return self.seats - self.on_site - self.expected_people

    @property
    def over_by(self) -> int:
        return max(-self.places_left, 0)


def door_totals(performance: Performance) -> DoorTotals:
    """The door's numbers. Two queries."""
    allocation = performance.allocation
    # Aggregates named apart from the fields they add up: Django would read them as each other.
    named = rules.door_list(performance).aggregate(
        named_guests=Coalesce(Sum("guests"), 0),
        named_hosts=Coalesce(Sum("hosts"), 0),
        expected=Coalesce(Sum(_people(), filter=rules.no_show_q()), 0),
    )
    here = CheckIn.objects.filter(performance=performance, voided_at__isnull=True).aggregate(
        guests_in=Coalesce(Sum("guests", filter=Q(ticket__isnull=False)), 0),
        hosts_in=Coalesce(Sum("hosts", filter=Q(ticket__isnull=False)), 0),
        walk_up_guests=Coalesce(Sum("guests", filter=Q(ticket__isnull=True)), 0),
        walk_up_hosts=Coalesce(Sum("hosts", filter=Q(ticket__isnull=True)), 0),
    )
    return DoorTotals(
        seats=allocation.seats + allocation.companion_seats,
        guests_named=named["named_guests"],
        hosts_named=named["named_hosts"],
        guests_in=here["guests_in"],
        hosts_in=here["hosts_in"],
        walk_up_guests=here["walk_up_guests"],
        walk_up_hosts=here["walk_up_hosts"],
        expected_people=named["expected"],
    )


def door_tickets(performance: Performance, *, search: str = "", pks=None) -> list[GuestTicket]:
    """The guest tickets on a door's register, by name, each with its partner and
    `live_check_in` (or None). Found by name, reference or door code. Two queries."""
    tickets = (
        GuestTicket.objects.filter(allocation__performance=performance)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "check_ins",
                queryset=CheckIn.objects.filter(voided_at__isnull=True).select_related(
                    "recorded_by"
                ),
                to_attr="live_check_ins",
            )
        )
        .order_by(Lower("first_name"), "reference")
    )
    if pks is not None:
        tickets = tickets.filter(pk__in=pks)
    tickets = tickets.filter(rules.on_door_list_q())
    search = search.strip()
    if search:
        code = search.replace(" ", "").upper()
        tickets = tickets.filter(
            Q(first_name__icontains=search)
            | Q(reference=reference_normalise(search))
            | Q(door_code=code)
        )
    found = list(tickets)
    for ticket in found:
        ticket.live_check_in = ticket.live_check_ins[0] if ticket.live_check_ins else None
    return found


def door_walk_ups(performance: Performance, *, pks=None) -> list[CheckIn]:
    """The performance's walk-ups still counted (not undone), in the order they came."""
    walk_ups = CheckIn.objects.filter(performance=performance, ticket__isnull=True)
    walk_ups = walk_ups.select_related("recorded_by")
    if pks is not None:
        return list(walk_ups.filter(pk__in=pks))
    return list(walk_ups.filter(voided_at__isnull=True))


def door_cursor(performance: Performance, *, now=None) -> RegisterCursor:
    return cursor_of(performance.register_actions.all(), now=now)


def door_changes(performance: Performance, *, cursor: RegisterCursor, now=None) -> RegisterChanges:
    """What changed at the door since `cursor`: the tickets and walk-ups to show again."""
    return changes_since(
        actions=performance.register_actions.all(),
        party_field="ticket",
        parties=GuestTicket.objects.filter(allocation__performance=performance),
        parties_get=lambda pks: door_tickets(performance, pks=pks),
        walk_ins_get=lambda pks: door_walk_ups(performance, pks=pks),
        cursor=cursor,
        now=now,
    )
