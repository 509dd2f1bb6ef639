"""After the night: the figures per partner from known data, and the donations recorded."""

from decimal import Decimal

import pytest

from attendance import selectors, services
from attendance.models import RegisterAction
from events.models import GuestTicket
from partners.models import PartnerOrganisation
from sanctuary.models import AuditEvent
from tests.attendance.door_helpers import (
    POOL_SEATS,
    THEATRE_SEATS,
    apply,
    check_in,
    ticket,
)

pytestmark = pytest.mark.django_db

Kind = RegisterAction.Kind
DEREHAM = "Dereham Ukraine Aid Centre"


@pytest.fixture
def the_night(night):
    """Dereham named three parties (two came, one adjusted at the door; one did not), New
    Routes one that was cancelled and one that did not come, the pool one that came; two
    walk-ups (one undone)."""
    came = ticket(night, partner=DEREHAM, first_name="Olena", guests=4, hosts=1)
    fewer = ticket(night, partner=DEREHAM, first_name="Ira", guests=3, hosts=0)
    ticket(night, partner=DEREHAM, first_name="Away", guests=2, hosts=2)
    gone = ticket(night, partner="New Routes", first_name="Gone", guests=5, hosts=0)
    GuestTicket.objects.filter(pk=gone.pk).update(status=GuestTicket.Status.CANCELLED)
    ticket(night, partner="New Routes", first_name="Late", guests=1, hosts=0)
    pooled = ticket(night, pool=True, first_name="Pool", guests=2, hosts=1)
    check_in(night, came)
    adjusted = check_in(night, fewer)
    apply(night, Kind.ADJUST, target=str(adjusted.check_in.pk), guests=2, hosts=0)
    check_in(night, pooled)
    apply(night, Kind.WALK_IN, guests=3, hosts=1)
    undone = apply(night, Kind.WALK_IN, guests=9, hosts=9)
    apply(night, Kind.UNDO, target=str(undone.check_in.pk))
    return night


def _row(figures, label):
    return next(row for row in figures.rows if row.label == label)


def test_figures_per_partner_from_known_data(the_night):
    figures = selectors.door_figures(the_night)

    dereham = _row(figures, DEREHAM)
    assert (dereham.seats, dereham.parties, dereham.guests, dereham.hosts) == (60, 3, 9, 3)
    assert (dereham.attended, dereham.guests_in, dereham.hosts_in, dereham.no_shows) == (2, 6, 1, 1)
    new_routes = _row(figures, "New Routes")
    assert (new_routes.seats, new_routes.parties, new_routes.guests) == (30, 1, 1)
    assert (new_routes.attended, new_routes.no_shows) == (0, 1)
    bridge = _row(figures, "The Bridge Plus+")
    assert (bridge.seats, bridge.parties, bridge.attended, bridge.no_shows) == (40, 0, 0, 0)
    theatre = _row(figures, "The theatre's own guests")
    assert (theatre.seats, theatre.parties) == (THEATRE_SEATS, 0)
    pool = figures.rows[-1]
    assert (pool.seats, pool.parties, pool.guests_in, pool.hosts_in) == (POOL_SEATS, 1, 2, 1)
    total = figures.total
    assert (total.seats, total.parties, total.attended, total.no_shows) == (160, 5, 3, 2)
    assert (total.guests_in, total.hosts_in) == (8, 2)
    assert (figures.walk_up_guests, figures.walk_up_hosts) == (3, 1)


def test_donations_are_recorded_once_and_audited(night, programme_staff):
    dereham = PartnerOrganisation.objects.get(name=DEREHAM)

    for _attempt in range(2):
        services.performance_donations_record(
            performance_id=night.pk,
            total=Decimal("2512.50"),
            partner=dereham,
            actor=programme_staff,
        )

    night.refresh_from_db()
    assert (night.donations_total, night.donations_partner) == (Decimal("2512.50"), dereham)
    events = AuditEvent.objects.filter(action="performance.donations_record")
    assert events.count() == 1
    assert events.get().actor == programme_staff
