"""A performance tonight with guest seats split between partners, its tickets and the
volunteers at its door: what the door's tests share. Built from the pinned clock."""

import uuid
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from attendance import services
from attendance.models import RegisterAction
from attendance.services import RegisterTap
from dropins.models import LONDON
from events.models import GuestAllocation, GuestQuota, Performance
from events.services import ticket_create
from partners.models import PartnerOrganisation
from sanctuary.roles import Role
from tests.factories import VenueFactory, user_with_role

# Guest seats per partner; the theatre keeps 20 and 10 are the shared pool.
QUOTAS = {"Dereham Ukraine Aid Centre": 60, "The Bridge Plus+": 40, "New Routes": 30}
THEATRE_SEATS = 20
POOL_SEATS = 10


def make_performance(*, venue=None, title="Orchestra night"):
    """A performance starting soon today (so tickets can still be named, and its door is
    today's, late in the evening too), with 160 guest seats and 40 companion seats, split into
    the quotas above."""
    now = timezone.now()
    midnight = datetime.combine(
        timezone.localdate(now, LONDON) + timedelta(days=1), time(0), tzinfo=LONDON
    )
    performance = Performance.objects.create(
        title=title,
        slug=f"night-{uuid.uuid4().hex[:8]}",
        venue=venue or VenueFactory(name="Theatre Royal"),
        starts_at=now + min(timedelta(minutes=30), (midnight - now) / 2),
        doors_at=now,
        running_minutes=120,
    )
    allocation = GuestAllocation.objects.create(
        performance=performance,
        seats=sum(QUOTAS.values()) + THEATRE_SEATS + POOL_SEATS,
        companion_seats=40,
        release_at=now - timedelta(days=1),
    )
    for name, seats in QUOTAS.items():
        partner, _ = PartnerOrganisation.objects.get_or_create(name=name)
        GuestQuota.objects.create(allocation=allocation, organisation=partner, seats=seats)
    GuestQuota.objects.create(allocation=allocation, organisation=None, seats=THEATRE_SEATS)
    return performance


def quota_of(performance, name=None):
    return (
        performance.allocation.quotas.get(organisation__name=name)
        if name
        else (performance.allocation.quotas.get(organisation__isnull=True))
    )


def ticket(performance, *, partner=None, pool=False, first_name="Olena", guests=4, hosts=1, **kw):
    """A ticket named by `partner` against its quota (the theatre's without one; the pool with
    pool=True)."""
    quota = None if pool else quota_of(performance, partner)
    return ticket_create(
        allocation_id=performance.allocation.pk,
        quota_id=quota.pk if quota else None,
        first_name=first_name,
        guests=guests,
        hosts=hosts,
        language=kw.pop("language", "uk"),
        organisation=quota.organisation if quota else None,
        **kw,
    )


def door_volunteer(performance, **kwargs):
    return user_with_role(
        Role.VOLUNTEERS,
        first_name=kwargs.pop("first_name", "Vik"),
        venues=[performance.venue],
        **kwargs,
    )


def apply(performance, kind, actor=None, client_id=None, **fields):
    return services.door_apply(
        performance_id=performance.pk,
        tap=RegisterTap(client_id=client_id or uuid.uuid4(), kind=kind, **fields),
        actor=actor,
    )


def check_in(performance, ticket, **kw):
    return apply(performance, RegisterAction.Kind.CHECK_IN, ticket_id=ticket.pk, **kw)


@pytest.fixture
def night(db):
    return make_performance()


@pytest.fixture
def olena(night):
    """A family of four with their host, named by Dereham Ukraine Aid Centre."""
    return ticket(night, partner="Dereham Ukraine Aid Centre")


@pytest.fixture
def door_keeper(night):
    return door_volunteer(night)
