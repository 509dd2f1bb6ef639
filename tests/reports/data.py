"""Rows for the reports' tests, made directly with known numbers, dated from the test clock
(Tuesday 10 November 2026, 10:00 in London; the autumn term runs 1 September to 31 December)."""

import datetime
import uuid
from decimal import Decimal
from itertools import count

from attendance.models import CheckIn
from bursaries.models import Application, Fund, Opportunity
from dropins.models import LONDON, Booking, DropInSeries, DropInSession
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
from tests import factories

_numbers = count(1)


def _n() -> int:
    return next(_numbers)


def at(day: datetime.date, hour: int = 10, minute: int = 30) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def venue(name: str, position: int = 0, **fields):
    return factories.VenueFactory(name=name, position=position, **fields)


def series(venue, weekday: int = 2) -> DropInSeries:
    return DropInSeries.objects.create(
        venue=venue,
        title="Welcome drop-in",
        weekday=weekday,
        start_time=datetime.time(10, 30),
        end_time=datetime.time(13),
        capacity=40,
    )


def session(series, day: datetime.date, *, cancelled: bool = False) -> DropInSession:
    return DropInSession.objects.create(
        series=series,
        date=day,
        starts_at=at(day),
        ends_at=at(day, 13, 0),
        capacity=40,
        status=DropInSession.Status.CANCELLED if cancelled else DropInSession.Status.SCHEDULED,
    )


def booking(
    session,
    *,
    adults=1,
    children=0,
    email="",
    phone="",
    language="en",
    interpreter="",
    status=Booking.Status.CONFIRMED,
) -> Booking:
    number = _n()
    return Booking.objects.create(
        session=session,
        reference=f"R{number:07d}",
        token=f"token-{number}",
        first_name="Amal",
        adults=adults,
        children=children,
        email=email,
        phone=phone,
        language=language,
        interpreter_language=interpreter,
        status=status,
    )


def came(session, booking=None, *, adults=None, children=None, voided=False) -> CheckIn:
    """A check-in at a drop-in session: the booking's family, or a walk-in group."""
    return CheckIn.objects.create(
        session=session,
        booking=booking,
        adults=booking.adults if adults is None and booking else adults or 0,
        children=booking.children if children is None and booking else children or 0,
        arrived_at=session.starts_at,
        client_id=uuid.uuid4(),
        voided_at=session.starts_at if voided else None,
    )


def families(session, how_many: int, *, people: int = 1, come: bool = True, **fields):
    """`how_many` bookings of `people` adults each, checked in when `come`."""
    made = []
    for _ in range(how_many):
        made.append(booking(session, adults=people, **fields))
        if come:
            came(session, made[-1])
    return made


# Bursaries -----------------------------------------------------------------------------------


def fund(name: str, budget: str, opens: datetime.date, closes: datetime.date) -> Fund:
    return Fund.objects.create(
        name=name,
        slug=f"fund-{_n()}",
        budget=Decimal(budget),
        opens_on=opens,
        closes_on=closes,
    )


def opportunity(title: str, venue) -> Opportunity:
    return Opportunity.objects.create(
        kind=Opportunity.Kind.COURSE,
        title=title,
        venue=venue,
        starts_on=datetime.date(2026, 9, 1),
    )


def application(
    fund,
    *,
    sent: datetime.date,
    opportunity=None,
    status="submitted",
    awarded=None,
    decided: datetime.date | None = None,
) -> Application:
    number = _n()
    return Application.objects.create(
        reference=f"B{number:07d}",
        status_token=f"status-{number}",
        fund=fund,
        opportunity=opportunity,
        own_words="" if opportunity else "A dance course",
        name="Maryam",
        contact_method=Application.Contact.EMAIL,
        email="maryam@example.org",
        language="fa",
        amount_requested=Decimal("200"),
        privacy_consent_at=at(sent, 9),
        submitted_at=at(sent, 9),
        status=status,
        amount_awarded=None if awarded is None else Decimal(awarded),
        decided_at=at(decided, 16) if decided else None,
    )


# Guests at performances ------------------------------------------------------------------------


def partner(name: str) -> PartnerOrganisation:
    return PartnerOrganisation.objects.create(name=name)


def performance(venue, day: datetime.date, *, cancelled: bool = False) -> GuestAllocation:
    number = _n()
    starts = at(day, 19, 30)
    show = Performance.objects.create(
        title_en=f"Show {number}",
        slug=f"show-{number}",
        venue=venue,
        starts_at=starts,
        doors_at=starts - datetime.timedelta(minutes=45),
        running_minutes=120,
        cancelled_at=starts if cancelled else None,
    )
    return GuestAllocation.objects.create(
        performance=show, seats=200, companion_seats=50, release_at=starts
    )


def guest_party(
    allocation, organisation=None, *, guests=2, hosts=1, come=False, cancelled=False, quota=None
) -> GuestTicket:
    number = _n()
    ticket = GuestTicket.objects.create(
        allocation=allocation,
        quota=quota,
        reference=f"G{number:07d}",
        token=f"ticket-{number}",
        door_code=f"{number:04d}"[-4:] + str(number),
        first_name="Olena",
        guests=guests,
        hosts=hosts,
        language="uk",
        organisation=organisation,
        status=GuestTicket.Status.CANCELLED if cancelled else GuestTicket.Status.CONFIRMED,
    )
    if come:
        CheckIn.objects.create(
            performance=allocation.performance,
            ticket=ticket,
            adults=0,
            guests=guests,
            hosts=hosts,
            arrived_at=allocation.performance.starts_at,
            client_id=uuid.uuid4(),
        )
    return ticket


def quota(allocation, organisation, seats=50) -> GuestQuota:
    return GuestQuota.objects.create(allocation=allocation, organisation=organisation, seats=seats)


# The network's events --------------------------------------------------------------------------


def network_event(title: str, venue=None) -> NetworkEvent:
    number = _n()
    return NetworkEvent.objects.create(
        title_en=title,
        slug=f"event-{number}",
        kind=NetworkEvent.Kind.TRAINING,
        organiser="Norwich City of Sanctuary",
        venue=venue,
        place_name="" if venue else "Norwich Arts Centre",
        capacity=200,
        is_published=True,
    )


def network_date(event, day: datetime.date, *, cancelled=False) -> NetworkEventDate:
    starts = at(day, 18, 0)
    return NetworkEventDate.objects.create(
        event=event,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        cancelled_at=starts if cancelled else None,
    )


def network_booking(date, *, tickets=1, cancelled=False) -> NetworkBooking:
    number = _n()
    return NetworkBooking.objects.create(
        date=date,
        reference=f"N{number:07d}",
        token=f"network-{number}",
        name="Sam",
        email=f"sam{number}@example.org",
        tickets=tickets,
        language="en",
        status=NetworkBooking.Status.CANCELLED if cancelled else NetworkBooking.Status.CONFIRMED,
    )
