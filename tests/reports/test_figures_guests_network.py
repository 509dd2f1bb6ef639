"""Guests at performances and the network's events, computed from known tickets and bookings."""

import datetime

import pytest

from reports.figures import build_report
from tests.reports import data
from tests.reports.helpers import AUTUMN, figures, headline

pytestmark = pytest.mark.django_db
day = datetime.date


@pytest.fixture
def guests():
    royal = data.venue("Theatre Royal", 0)
    stage = data.venue("Stage Two", 1)
    dereham, routes = data.partner("Dereham Ukraine Aid Centre"), data.partner("New Routes")
    night = data.performance(royal, day(2026, 10, 10))
    for _ in range(5):
        data.guest_party(night, dereham, guests=2, hosts=1, come=True)
        data.guest_party(night, dereham, come=False)
        data.guest_party(night, routes, guests=3, hosts=0, come=True)
        data.guest_party(night, routes, come=False)
        data.guest_party(night, None, guests=1, hosts=0, come=True)
    data.guest_party(night, dereham, guests=2, hosts=1, come=True)
    data.guest_party(night, dereham, cancelled=True)
    later = data.performance(royal, day(2026, 11, 20))
    data.guest_party(later, routes)
    called_off = data.performance(stage, day(2026, 10, 11), cancelled=True)
    data.guest_party(called_off, routes)
    return royal, stage


def test_guest_parties_by_partner_who_came_and_no_shows(guests):
    report = build_report(period=AUTUMN)
    assert figures(report.table("guest_parties_by_partner")) == {
        "Dereham Ukraine Aid Centre": [6, 5],
        "New Routes": [5, 5],
        "The theatre's own guests and the shared pool": [5, 0],
        "total": [16, 10],
    }
    assert figures(report.table("guests_by_partner")) == {
        "Dereham Ukraine Aid Centre": [12, 6],
        "New Routes": [15, 0],
        "The theatre's own guests and the shared pool": [5, 0],
        "total": [32, 6],
    }
    assert headline(report, "guests", "named") == 26
    assert headline(report, "guests", "no_shows") == 10


def test_guests_at_another_venue_are_not_counted(guests):
    _royal, stage = guests
    report = build_report(period=AUTUMN, venue_slug=stage.slug)
    assert figures(report.table("guest_parties_by_partner")) == {"total": [0, 0]}


@pytest.fixture
def network():
    stage = data.venue("Stage Two", 1)
    training = data.network_event("Speak Up training", stage)
    first, later = (
        data.network_date(training, day(2026, 10, 20)),
        data.network_date(training, day(2026, 12, 1)),
    )
    for _ in range(5):
        data.network_booking(first, tickets=2)
        data.network_booking(later, tickets=1)
    data.network_booking(first, cancelled=True)
    celebration = data.network_event("Celebration")
    party = data.network_date(celebration, day(2026, 9, 25))
    for _ in range(6):
        data.network_booking(party, tickets=3)
    called_off = data.network_date(celebration, day(2026, 10, 2), cancelled=True)
    data.network_booking(called_off, tickets=2)
    return stage


def test_network_bookings_and_tickets_per_event(network):
    report = build_report(period=AUTUMN)
    assert figures(report.table("network_bookings_per_event")) == {
        "Celebration": [6, 18],
        "Speak Up training": [10, 15],
        "total": [16, 33],
    }
    assert headline(report, "network", "tickets") == 33
    at_stage = build_report(period=AUTUMN, venue_slug=network.slug)
    assert figures(at_stage.table("network_bookings_per_event")) == {
        "Speak Up training": [10, 15],
        "total": [10, 15],
    }
