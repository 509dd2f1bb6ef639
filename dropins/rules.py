"""The drop-in's rules, each written once, in the two forms code needs: a Q or an expression for
selectors (many rows, in SQL), and a function for one row (services, under the session's lock).
tests/dropins/test_rules.py checks that the two forms agree on the same rows.

`prefix` lets a query reach the same rule across a relation: `bookable_q(now, prefix="session__")`
filters bookings by their session.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import ngettext

from dropins.models import Booking, DropInSession
from sanctuary.expressions import DaysBefore

# The booking window -----------------------------------------------------------------------


def booking_opens_at(session: DropInSession) -> datetime:
    """When people can start booking: the series' number of days before the session starts.

    Counted in UTC, as the database counts it, so that both forms agree across a change of the
    clocks."""
    return session.starts_at.astimezone(UTC) - timedelta(days=session.series.booking_opens_days)


def booking_opens_at_expression(prefix: str = "") -> DaysBefore:
    return DaysBefore(F(f"{prefix}starts_at"), F(f"{prefix}series__booking_opens_days"))


def has_booking_opened(session: DropInSession, now: datetime) -> bool:
    """Its booking has opened: it is listed and its page is public (also once it has started,
    or if it is cancelled, so that nobody comes in vain)."""
    return booking_opens_at(session) <= now


def booking_opened_q(now: datetime, prefix: str = "") -> Q:
    return Q(LessThanOrEqual(booking_opens_at_expression(prefix), now))


def is_bookable(session: DropInSession, now: datetime) -> bool:
    """Open for booking: still to come, and within its series' booking window."""
    return is_still_to_come(session, now) and has_booking_opened(session, now)


def bookable_q(now: datetime, prefix: str = "") -> Q:
    return still_to_come_q(now, prefix) & booking_opened_q(now, prefix)


def is_listed(session: DropInSession, now: datetime) -> bool:
    """On the public list of drop-ins: its booking has opened and it has not started (cancelled
    ones too, so that nobody comes in vain)."""
    return has_booking_opened(session, now) and not has_started(session, now)


def listed_q(now: datetime, prefix: str = "") -> Q:
    return booking_opened_q(now, prefix) & not_started_q(now, prefix)


# A session still to come ------------------------------------------------------------------


def has_started(session: DropInSession, now: datetime) -> bool:
    """Its start time has come (whatever its status)."""
    return session.starts_at <= now


def not_started_q(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_at__gt": now})


def is_still_to_come(session: DropInSession, now: datetime) -> bool:
    """Scheduled and not started: its places can still be taken, freed and told about."""
    return session.status == DropInSession.Status.SCHEDULED and not has_started(session, now)


def still_to_come_q(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": DropInSession.Status.SCHEDULED}) & not_started_q(now, prefix)


def has_ended(session: DropInSession, now: datetime) -> bool:
    """Its end time has passed: the admin lists it with the past sessions."""
    return session.ends_at < now


def ended_q(now: datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}ends_at__lt": now})


def is_past_keeping(session: DropInSession, now: datetime) -> bool:
    """Ended more than DROPIN_KEEP_DAYS ago: the names and contacts of who booked and who
    walked in are forgotten; the numbers stay."""
    return has_ended(session, now - timedelta(days=settings.DROPIN_KEEP_DAYS))


def past_keeping_q(now: datetime, prefix: str = "") -> Q:
    return ended_q(now - timedelta(days=settings.DROPIN_KEEP_DAYS), prefix)


def may_cancel_session(session: DropInSession, now: datetime) -> bool:
    """A session that has started cannot be cancelled: people who came must not be told not to
    come."""
    return is_still_to_come(session, now)


def cancellable_sessions_q(now: datetime, prefix: str = "") -> Q:
    return still_to_come_q(now, prefix)


# A booking that stands, one that waits, one that holds places --------------------------------


def is_live(booking: Booking) -> bool:
    """A booking stands until it is cancelled: confirmed or waiting, it is on the register."""
    return booking.status != Booking.Status.CANCELLED


def live_q(prefix: str = "") -> Q:
    return ~Q(**{f"{prefix}status": Booking.Status.CANCELLED})


def offers_calendar(booking: Booking) -> bool:
    """A booking offers "Add to my calendar" (the link and its file) while it stands and its
    session is still on: never once the booking or the session is cancelled."""
    return is_live(booking) and booking.session.status == DropInSession.Status.SCHEDULED


def offers_calendar_q(prefix: str = "") -> Q:
    return live_q(prefix) & Q(**{f"{prefix}session__status": DropInSession.Status.SCHEDULED})


def is_waiting(booking: Booking) -> bool:
    """On the waiting list: takes no place, and is booked in when its people fit."""
    return booking.status == Booking.Status.WAITLISTED


def waiting_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Booking.Status.WAITLISTED})


def same_contact_q(*, email: str, phone: str, prefix: str = "") -> Q:
    """Bookings with this email address or this mobile number (never matching on a blank)."""
    contact = Q(pk__in=[])
    if email:
        contact |= Q(**{f"{prefix}email": email})
    if phone:
        contact |= Q(**{f"{prefix}phone": phone})
    return contact


def has_repeated_contact(booking: Booking) -> bool:
    """Another live booking for the same session has this booking's email or mobile number:
    someone booked twice by mistake, or with someone else's contact. The contact's owner is told
    in the new booking's confirmation; staff see it flagged."""
    others = booking.session.bookings.filter(live_q()).exclude(pk=booking.pk)
    return others.filter(same_contact_q(email=booking.email, phone=str(booking.phone))).exists()


def repeated_contact_expression() -> Exists:
    """The same, in SQL, as an annotation on bookings."""
    others = Booking.objects.filter(live_q(), session=OuterRef("session")).exclude(
        pk=OuterRef("pk")
    )
    return Exists(
        others.filter(
            (~Q(email="") & Q(email=OuterRef("email")))
            | (~Q(phone="") & Q(phone=OuterRef("phone")))
        )
    )


# People booked and places left ------------------------------------------------------------


def holds_places(booking: Booking) -> bool:
    """A confirmed booking takes its people's places; waiting and cancelled ones take none."""
    return booking.status == Booking.Status.CONFIRMED


def holds_places_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": Booking.Status.CONFIRMED})


def people_of(*, adults: int, children: int) -> int:
    """The people of a booking (or a check-in): adults and children count the same."""
    return adults + children


def party_expression(prefix: str = ""):
    """The same, in SQL: the people of each booking (or check-in)."""
    return F(f"{prefix}adults") + F(f"{prefix}children")


def people_sum(prefix: str, condition: Q) -> Coalesce:
    """The people of the bookings (or check-ins) that meet `condition`, as an aggregate."""
    return Coalesce(Sum(party_expression(prefix), filter=condition), 0)


def people_booked_sum(prefix: str = "bookings__", *, extra: Q | None = None) -> Coalesce:
    """The people booked (confirmed) in a session, as an annotation on sessions."""
    return people_sum(prefix, holds_places_q(prefix) & (extra or Q()))


def people_booked(session: DropInSession) -> int:
    """The people booked in one session, counted now (under the session's lock)."""
    return session.bookings.aggregate(people=people_booked_sum(""))["people"]


def places_left(capacity: int, people: int) -> int:
    """Places left from a session's places and the people booked in it (never below none)."""
    return max(capacity - people, 0)


def places_left_expression(people) -> Greatest:
    """The same, in SQL, from an expression for the people booked (e.g. F("people_booked"))."""
    return Greatest(F("capacity") - people, 0)


# The waiting list's fair rule -----------------------------------------------------------------


def waitlist_in_order_until(session: DropInSession) -> datetime:
    """Until DROPIN_WAITLIST_STRICT_HOURS before the session starts, the waiting list goes
    strictly in the order people joined."""
    return session.starts_at - timedelta(hours=settings.DROPIN_WAITLIST_STRICT_HOURS)


def is_waitlist_in_order(session: DropInSession, now: datetime) -> bool:
    """The waiting list still goes strictly in order: places are kept for whoever has waited
    longest, even while they stay empty."""
    return now < waitlist_in_order_until(session)


def waitlist_in_order_q(now: datetime, prefix: str = "") -> Q:
    hours = timedelta(hours=settings.DROPIN_WAITLIST_STRICT_HOURS)
    return Q(**{f"{prefix}starts_at__gt": now + hours})


def waits_for_places(booking: Booking, session: DropInSession) -> bool:
    """On the waiting list with a party the session could ever hold: it has a turn that people
    behind it must respect. (One bigger than all the session's places cannot be booked in
    until staff add places, and holds nobody up meanwhile.)"""
    return is_waiting(booking) and booking.people <= session.capacity


def waits_for_places_q(prefix: str = "", capacity=None) -> Q:
    """The same, in SQL. `capacity` is the session's places: a number, or F("capacity") from
    sessions; by default each booking's own session's."""
    capacity = F(f"{prefix}session__capacity") if capacity is None else capacity
    return waiting_q(prefix) & Q(LessThanOrEqual(party_expression(prefix), capacity))


def may_take_places(
    session: DropInSession, now: datetime, *, people: int, free: int, passes_someone: bool
) -> bool:
    """The waiting list's rule: may `people` more take places in this session now?

    They must fit in the `free` places. Passing someone (a booking that joined the waiting list
    earlier and still waits for places, `waits_for_places`: a family too big for the places
    free) is allowed only once the list no longer goes strictly in order,
    DROPIN_WAITLIST_STRICT_HOURS before the start; from then on whoever fits goes in, earliest
    first, so that no place stays empty. It decides promotions from the list, new bookings and
    bookings that grow alike.
    """
    if people > free:
        return False
    return not passes_someone or not is_waitlist_in_order(session, now)


def waitlist_rule_words() -> str:
    """The rule above in one sentence, for the people waiting and for staff."""
    hours = settings.DROPIN_WAITLIST_STRICT_HOURS
    return ngettext(
        "Until %(count)s hour before the drop-in starts, places that free up go to the waiting "
        "list strictly in the order people joined it, and nobody is booked in ahead of a family "
        "still waiting for enough places; after that, they go to whoever fits, earliest first, "
        "so that no place stays empty.",
        "Until %(count)s hours before the drop-in starts, places that free up go to the waiting "
        "list strictly in the order people joined it, and nobody is booked in ahead of a family "
        "still waiting for enough places; after that, they go to whoever fits, earliest first, "
        "so that no place stays empty.",
        hours,
    ) % {"count": hours}


# A booking, from its private link -----------------------------------------------------------


def may_change_booking(booking: Booking, now: datetime) -> bool:
    """How many are coming can be changed while the booking stands and its session is open for
    booking."""
    return is_live(booking) and is_bookable(booking.session, now)


def changeable_bookings_q(now: datetime) -> Q:
    return live_q() & bookable_q(now, prefix="session__")


def may_booker_cancel(booking: Booking, now: datetime) -> bool:
    """The person who booked can cancel until the session starts (after that the place cannot
    be given to anyone, and the register keeps who came)."""
    return is_live(booking) and not has_started(booking.session, now)


def booker_cancellable_q(now: datetime) -> Q:
    return live_q() & not_started_q(now, prefix="session__")


# Bookings a partner organisation made for its clients ----------------------------------------


def partner_bookings_q(organisation, prefix: str = "") -> Q:
    """The bookings a partner organisation's workers follow in the portal: those its workers
    made there, and no others."""
    if organisation is None:
        return Q(pk__in=[])
    return Q(**{f"{prefix}partner_organisation": organisation.pk})


def is_partner_booking_of(booking: Booking, organisation) -> bool:
    return organisation is not None and booking.partner_organisation_id == organisation.pk


def may_partner_cancel(booking: Booking, user, now: datetime) -> bool:
    """A partner worker may cancel a booking they made themselves, while its booker could."""
    return (
        booking.booked_by_id is not None
        and booking.booked_by_id == getattr(user, "pk", None)
        and may_booker_cancel(booking, now)
    )


def is_reachable(booking: Booking) -> bool:
    """Messages about it can go somewhere: the client's email or phone, or, when the client
    gave neither, the partner worker who booked for them (dropins.messages)."""
    return bool(booking.email or booking.phone or booking.booked_by_id)


def reachable_q(prefix: str = "") -> Q:
    return (
        ~Q(**{f"{prefix}email": ""})
        | ~Q(**{f"{prefix}phone": ""})
        | Q(**{f"{prefix}booked_by__isnull": False})
    )
