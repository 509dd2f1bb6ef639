"""The register's rules, each written once, in the two forms code needs: a Q for selectors and a
function for one row. tests/attendance/test_rules.py checks that the two forms agree."""

from datetime import date

from django.db.models import Q

from dropins.models import DropInSession
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
