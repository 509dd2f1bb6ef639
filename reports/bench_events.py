"""bench_reports' made-up performances with guest tickets and their check-ins, and network
event bookings (the drop-in's and bursaries' are in reports.bench)."""

import datetime
import uuid

from attendance.models import CheckIn
from events.models import (
    GuestAllocation,
    GuestQuota,
    GuestTicket,
    NetworkBooking,
    NetworkEvent,
    NetworkEventDate,
    Performance,
)
from partners.models import PartnerOrganisation
from venues.models import Venue

LANGUAGES = ["en", "uk", "ar", "fa", "ps"]
BATCH = 2_000


class EventsMaker:
    """Mixed into reports.bench's maker, whose random source, codes and counts it uses."""

    # Performances and network events --------------------------------------------------------

    def performances(self, venues: list[Venue], partners: list[PartnerOrganisation]) -> None:
        tickets, check_ins = [], []
        for number in range(self.size.performances):
            day = self.today - datetime.timedelta(days=30 * number + 3)
            performance = Performance.objects.create(
                title=f"Bench performance {number + 1}",
                slug=f"bench-{self.run.lower()}-{number + 1}",
                venue=venues[number % len(venues)],
                starts_at=self.moment(day, 19),
                doors_at=self.moment(day, 18),
                running_minutes=150,
            )
            allocation = GuestAllocation.objects.create(
                performance=performance,
                seats=150,
                companion_seats=40,
                release_at=performance.starts_at - datetime.timedelta(days=2),
            )
            quotas = GuestQuota.objects.bulk_create(
                GuestQuota(allocation=allocation, organisation=partner, seats=30)
                for partner in partners
            )
            for seat in range(self.size.tickets_per_performance):
                quota = self.random.choice([*quotas, None])
                ticket = GuestTicket(
                    allocation=allocation,
                    quota=quota,
                    reference=self.code("G"),
                    token=self.token(),
                    door_code=f"{seat:04d}",
                    first_name="Bench",
                    guests=self.random.choice([1, 1, 2, 3]),
                    hosts=self.random.choice([0, 0, 1]),
                    language=self.random.choice(LANGUAGES),
                    organisation=quota.organisation if quota else None,
                    created_at=performance.starts_at - datetime.timedelta(days=7),
                )
                tickets.append(ticket)
        GuestTicket.objects.bulk_create(tickets, batch_size=BATCH)
        for ticket in tickets:
            if self.random.random() < 0.75:
                check_ins.append(
                    CheckIn(
                        performance_id=ticket.allocation.performance_id,
                        ticket=ticket,
                        guests=ticket.guests,
                        hosts=ticket.hosts,
                        arrived_at=ticket.allocation.performance.doors_at,
                        client_id=uuid.uuid4(),
                    )
                )
        CheckIn.objects.bulk_create(check_ins, batch_size=BATCH)
        self.made.performances = self.size.performances
        self.made.guest_tickets = len(tickets)
        self.made.check_ins += len(check_ins)

    def network(self, venues: list[Venue]) -> None:
        dates = []
        for number, kind in enumerate(NetworkEvent.Kind):
            event = NetworkEvent.objects.create(
                title=f"Bench {kind.value} {self.run}",
                slug=f"bench-{self.run.lower()}-{kind.value}",
                kind=kind,
                venue=venues[number % len(venues)],
                capacity=200,
                is_published=True,
            )
            for month in range(3):
                day = self.today - datetime.timedelta(days=90 * month + number + 5)
                dates.append(
                    NetworkEventDate.objects.create(
                        event=event, starts_at=self.moment(day, 18), ends_at=self.moment(day, 20)
                    )
                )
        bookings = [
            NetworkBooking(
                date=self.random.choice(dates),
                reference=self.code("N"),
                token=self.token(),
                name="Bench",
                email=f"network{n}@bench.example.org",
                tickets=self.random.choice([1, 1, 2]),
                language=self.random.choice(LANGUAGES),
                status=NetworkBooking.Status.CONFIRMED,
            )
            for n in range(self.size.network_bookings)
        ]
        NetworkBooking.objects.bulk_create(bookings, batch_size=BATCH)
        self.made.network_bookings = len(bookings)
