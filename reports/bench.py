"""A year of the programme, made up in bulk, for `manage.py bench_reports`: 3 venues, 150
drop-in sessions, 20,000 bookings with their check-ins, 2,000 bursary applications with their
decisions, performances with guest tickets, and network event bookings.

Every row is made with bulk_create (a few thousand rows a query); names and contacts are
invented, with households that come back, so that first-time and returning are both counted."""

import datetime
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.db import transaction
from django.utils import timezone

from attendance.models import Attendance, CheckIn
from bursaries.models import Application, Fund, Opportunity
from dropins.models import Booking, DropInSeries, DropInSession
from partners.models import PartnerOrganisation
from reports.bench_events import LANGUAGES, EventsMaker
from venues.models import Venue

INTERPRETERS = ["", "", "", "ar", "fa", "ps", "uk", "ti", "ku"]
BATCH = 2_000


@dataclass(frozen=True)
class Size:
    venues: int = 3
    sessions: int = 150
    bookings: int = 20_000
    applications: int = 2_000
    performances: int = 12
    tickets_per_performance: int = 40
    network_bookings: int = 600
    households: int = 4_000


@dataclass
class Made:
    venues: int = 0
    sessions: int = 0
    bookings: int = 0
    check_ins: int = 0
    applications: int = 0
    performances: int = 0
    guest_tickets: int = 0
    network_bookings: int = 0


class _Maker(EventsMaker):
    def __init__(self, *, size: Size, today: datetime.date, seed: int):
        self.size = size
        self.today = today
        self.random = random.Random(seed)  # noqa: S311 (made-up figures, not secrets)
        self.numbers = count(1)
        self.run = uuid.uuid4().hex[:6].upper()
        self.made = Made()

    def code(self, prefix: str) -> str:
        """A reference unique to this run, as short as the real ones (12 characters)."""
        return f"{prefix}{self.run}{next(self.numbers):05d}"[:12]

    def token(self) -> str:
        return uuid.uuid4().hex + uuid.uuid4().hex[:11]

    def moment(self, day: datetime.date, hour: int = 10) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))

    # The venues, partners and what the figures hang on ------------------------------------

    def venues(self) -> list[Venue]:
        venues = [
            Venue.objects.create(
                name=f"Bench venue {number} {self.run}",
                slug=f"bench-{self.run.lower()}-{number}",
                address="Theatre Street, Norwich",
                postcode="NR2 1RL",
            )
            for number in range(1, self.size.venues + 1)
        ]
        self.made.venues = len(venues)
        return venues

    def partners(self) -> list[PartnerOrganisation]:
        return [
            PartnerOrganisation.objects.create(name=f"Bench partner {n} {self.run}")
            for n in range(1, 5)
        ]

    # The drop-in ----------------------------------------------------------------------------

    def sessions(self, venues: list[Venue]) -> list[DropInSession]:
        per_venue = -(-self.size.sessions // len(venues))
        sessions = []
        for index, venue in enumerate(venues):
            series = DropInSeries.objects.create(
                venue=venue,
                title=f"Bench drop-in {index + 1}",
                weekday=index,
                start_time=datetime.time(10, 30),
                end_time=datetime.time(13, 0),
                capacity=160,
                booking_opens_days=14,
                is_active=False,
            )
            for week in range(per_venue):
                if len(sessions) == self.size.sessions:
                    break
                day = self.today - datetime.timedelta(days=7 * week + index + 1)
                sessions.append(
                    DropInSession(
                        series=series,
                        date=day,
                        starts_at=self.moment(day),
                        ends_at=self.moment(day, 13),
                        capacity=160,
                    )
                )
        DropInSession.objects.bulk_create(sessions, batch_size=BATCH)
        self.made.sessions = len(sessions)
        return sessions

    def household(self) -> dict:
        """A booking contact: most households by email, some by phone, some with neither."""
        number = self.random.randrange(self.size.households)
        kind = number % 10
        if kind < 6:
            return {"email": f"household{number}@bench.example.org"}
        if kind < 9:
            return {"phone": f"+447700{number:06d}"}
        return {}

    def bookings(self, sessions: list[DropInSession]) -> None:
        bookings = []
        for number in range(self.size.bookings):
            session = sessions[number % len(sessions)]
            adults = self.random.choice([1, 1, 1, 2, 2, 3])
            status = self.random.choices(
                [Booking.Status.CONFIRMED, Booking.Status.CANCELLED, Booking.Status.WAITLISTED],
                weights=[90, 8, 2],
            )[0]
            booked_at = session.starts_at - datetime.timedelta(days=self.random.randint(1, 10))
            bookings.append(
                Booking(
                    session=session,
                    reference=self.code("D"),
                    token=self.token(),
                    first_name="Bench",
                    adults=adults,
                    children=self.random.choice([0, 0, 1, 2]),
                    language=self.random.choice(LANGUAGES),
                    interpreter_language=self.random.choice(INTERPRETERS),
                    status=status,
                    created_at=booked_at,
                    confirmed_at=booked_at if status == Booking.Status.CONFIRMED else None,
                    cancelled_at=booked_at if status == Booking.Status.CANCELLED else None,
                    **self.household(),
                )
            )
        Booking.objects.bulk_create(bookings, batch_size=BATCH)
        self.made.bookings = len(bookings)
        check_ins = [
            CheckIn(
                session=booking.session,
                booking=booking,
                adults=booking.adults,
                children=booking.children,
                arrived_at=booking.session.starts_at + datetime.timedelta(minutes=10),
                client_id=uuid.uuid4(),
            )
            for booking in bookings
            if booking.status == Booking.Status.CONFIRMED and self.random.random() < 0.8
        ]
        check_ins += [
            CheckIn(
                session=session,
                adults=self.random.choice([1, 2]),
                children=self.random.choice([0, 1]),
                arrived_at=session.starts_at + datetime.timedelta(minutes=20),
                client_id=uuid.uuid4(),
            )
            for session in sessions
            for _ in range(self.random.randint(0, 12))
        ]
        CheckIn.objects.bulk_create(check_ins, batch_size=BATCH)
        self.made.check_ins = len(check_ins)
        self.registers_close(sessions, bookings, check_ins)

    def registers_close(self, sessions, bookings, check_ins) -> None:
        """Each session's numbers as its closed register records them."""
        figures = {
            session.pk: dict.fromkeys(("booked", "came", "no_shows", "walk_ins", "children"), 0)
            for session in sessions
        }
        checked_in = {check_in.booking_id for check_in in check_ins if check_in.booking_id}
        for booking in bookings:
            if booking.status != Booking.Status.CONFIRMED:
                continue
            row = figures[booking.session_id]
            row["booked"] += booking.adults + booking.children
            if booking.pk not in checked_in:
                row["no_shows"] += 1
        for check_in in check_ins:
            row = figures[check_in.session_id]
            people = check_in.adults + check_in.children
            row["came" if check_in.booking_id else "walk_ins"] += people
            row["children"] += check_in.children
        Attendance.objects.bulk_create(
            Attendance(
                session=session,
                booked_people=figures[session.pk]["booked"],
                attended_people=figures[session.pk]["came"],
                no_show_bookings=figures[session.pk]["no_shows"],
                walk_in_people=figures[session.pk]["walk_ins"],
                children=figures[session.pk]["children"],
                closed_at=session.ends_at,
            )
            for session in sessions
        )

    # Bursaries ------------------------------------------------------------------------------

    def applications(self, venues: list[Venue], partners: list[PartnerOrganisation]) -> None:
        year_ago = self.today - datetime.timedelta(days=365)
        funds = [
            Fund.objects.create(
                name=f"Bench fund {n} {self.run}",
                slug=f"bench-fund-{self.run.lower()}-{n}",
                budget=Decimal("400000"),
                opens_on=year_ago,
                closes_on=self.today + datetime.timedelta(days=30),
            )
            for n in range(1, 4)
        ]
        kinds = list(Opportunity.Kind)
        opportunities = [
            Opportunity.objects.create(
                kind=kinds[n % len(kinds)],
                title=f"Bench opportunity {n}",
                venue=venues[n % len(venues)],
                starts_on=year_ago,
            )
            for n in range(6)
        ]
        statuses = [
            (Application.Status.APPROVED, 50),
            (Application.Status.DECLINED, 25),
            (Application.Status.IN_REVIEW, 10),
            (Application.Status.SUBMITTED, 8),
            (Application.Status.MORE_INFORMATION, 3),
            (Application.Status.WITHDRAWN, 4),
        ]
        applications = []
        for _ in range(self.size.applications):
            status = self.random.choices(*zip(*statuses, strict=True))[0]
            submitted = self.moment(year_ago + datetime.timedelta(days=self.random.randrange(360)))
            decided = status in {Application.Status.APPROVED, Application.Status.DECLINED}
            requested = Decimal(self.random.choice([40, 75, 120, 200, 350]))
            applications.append(
                Application(
                    reference=self.code("A"),
                    status_token=self.token(),
                    fund=self.random.choice(funds),
                    opportunity=self.random.choice([*opportunities, None]),
                    name="Bench",
                    contact_method=Application.Contact.EMAIL,
                    email="applicant@bench.example.org",
                    language=self.random.choice(LANGUAGES),
                    support=[Application.Support.COURSE_FEE.value],
                    amount_requested=requested,
                    referrer_organisation=self.random.choice([*partners, None, None]),
                    privacy_consent_at=submitted,
                    status=status,
                    amount_awarded=requested if status == Application.Status.APPROVED else None,
                    submitted_at=submitted,
                    decided_at=(
                        submitted + datetime.timedelta(days=self.random.randint(1, 40))
                        if decided
                        else None
                    ),
                )
            )
        Application.objects.bulk_create(applications, batch_size=BATCH)
        self.made.applications = len(applications)


@transaction.atomic
def bench_data_make(*, today: datetime.date, size: Size | None = None, seed: int = 14) -> Made:
    """Make a year of the programme up to `today` (the 365 days before it)."""
    maker = _Maker(size=size or Size(), today=today, seed=seed)
    venues = maker.venues()
    partners = maker.partners()
    maker.bookings(maker.sessions(venues))
    maker.applications(venues, partners)
    maker.performances(venues, partners)
    maker.network(venues)
    return maker.made
