"""The register's rules, each written once, in the two forms code needs: a Q for selectors and a
function for one row. tests/attendance/test_rules.py checks that the two forms agree."""

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q

from attendance.models import CheckIn
from dropins.models import LONDON, DropInSession
from events.models import GuestTicket, Performance
from sanctuary.models import User


def may_take_attendance(user: User) -> bool:
    """Volunteers and programme staff take attendance at the door."""
    return user.has_perm("attendance.take_attendance")


def has_a_venue(user: User) -> bool:
    """Whether there is anywhere this person takes attendance: programme staff at every venue,
    a volunteer at the venues they are given (none yet: the programme team adds them)."""
    return takes_every_register(user) or user.venues.exists()


def takes_every_register(user: User) -> bool:
    """Programme staff look after every venue, any day; volunteers only the venues they are
    given, today."""
    return user.has_perm("dropins.view_dropinsession")


def may_open_register(user: User, session: DropInSession, today: date) -> bool:
    """May this person open this session's register: today's, at one of their venues (or any,
    for programme staff)."""
    if takes_every_register(user):
        return True
    return session.date == today and user.venues.filter(pk=session.series.venue_id).exists()


def registers_open_to_q(user: User, today: date) -> Q:
    if takes_every_register(user):
        return Q()
    return Q(date=today, series__venue__in=user.venues.all())


# Performances: the door on the night, and the figures after it. ------------------------------


def door_day(today: date) -> tuple[datetime, datetime]:
    start = datetime.combine(today, time(0), tzinfo=LONDON)
    return start, datetime.combine(today + timedelta(days=1), time(0), tzinfo=LONDON)


def may_open_door(user: User, performance: Performance, today: date) -> bool:
    """May this person open this performance's door register: on its day, at one of their
    venues (or any performance, for programme staff), as for a drop-in's register."""
    if takes_every_register(user):
        return True
    start, end = door_day(today)
    return start <= performance.starts_at < end and (
        user.venues.filter(pk=performance.venue_id).exists()
    )


def doors_open_to_q(user: User, today: date) -> Q:
    if takes_every_register(user):
        return Q()
    start, end = door_day(today)
    return Q(starts_at__gte=start, starts_at__lt=end, venue__in=user.venues.all())


def on_door_list_q(prefix: str = "") -> Q:
    """The guest tickets a door's register lists: confirmed ones (they hold seats)."""
    return Q(**{f"{prefix}status": GuestTicket.Status.CONFIRMED})


def is_on_door_list(ticket: GuestTicket) -> bool:
    return ticket.status == GuestTicket.Status.CONFIRMED


def door_list(performance: Performance):
    """The tickets on a performance's door list."""
    return GuestTicket.objects.filter(on_door_list_q(), allocation__performance=performance)


def _live_check_in():
    return CheckIn.objects.filter(ticket=OuterRef("pk"), voided_at__isnull=True)


def attended_q() -> Q:
    """A ticket counts as attended when its party was checked in (and not undone)."""
    return on_door_list_q() & Q(Exists(_live_check_in()))


def is_attended(ticket: GuestTicket, *, live_check_ins: int) -> bool:
    return is_on_door_list(ticket) and live_check_ins > 0


def no_show_q() -> Q:
    """A no-show: a named party on the door's list nobody came for."""
    return on_door_list_q() & ~Q(Exists(_live_check_in()))


def is_no_show(ticket: GuestTicket, *, live_check_ins: int) -> bool:
    return is_on_door_list(ticket) and live_check_ins == 0


def may_see_door_figures(user: User) -> bool:
    """The figures after the night are attendance figures: programme staff see them."""
    return user.has_perm("attendance.view_attendance")


def may_record_donations(user: User) -> bool:
    return user.has_perm("attendance.change_attendance")


# A drop-in booking whose family came --------------------------------------------------------


def _live_booking_check_in():
    return CheckIn.objects.filter(booking=OuterRef("pk"), voided_at__isnull=True)


def booking_came_q() -> Q:
    """A booking counts as come when its family was checked in at the door (and not undone),
    whatever numbers the check-in recorded."""
    return Q(Exists(_live_booking_check_in()))


def has_booking_come(*, live_check_ins: int) -> bool:
    return live_check_ins > 0
