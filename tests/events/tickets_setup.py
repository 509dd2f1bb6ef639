"""A performance with guest seats split between two partners, built from the clock, and a
partner worker for each: what the guest ticket tests share."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from events.models import GuestAllocation, GuestQuota, Performance
from events.services.claims import claim_link_create
from events.services.tickets import ticket_create
from partners.models import PartnerOrganisation, PartnerWorker
from tests import factories


@dataclass
class Night:
    performance: Performance
    allocation: GuestAllocation
    quota_a: GuestQuota
    quota_b: GuestQuota
    partner_a: PartnerOrganisation
    partner_b: PartnerOrganisation


def make_night(*, days_ahead: int = 10, seats_a: int = 6, seats_b: int = 4, **extra) -> Night:
    """A performance `days_ahead` days from now at 19:30, release deadline two days before."""
    venue = factories.VenueFactory(name="Theatre Royal")
    starts_at = (timezone.now() + timedelta(days=days_ahead)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    number = factories._next()
    performance = Performance.objects.create(
        title_en="National Symphony Orchestra of Ukraine",
        title_uk="Національний симфонічний оркестр України",
        slug=f"orchestra-{number}",
        venue=venue,
        starts_at=starts_at,
        doors_at=starts_at - timedelta(minutes=45),
        running_minutes=120,
    )
    allocation = GuestAllocation.objects.create(
        performance=performance,
        seats=extra.pop("seats", 20),
        companion_seats=extra.pop("companion_seats", 6),
        release_at=starts_at - timedelta(days=2),
    )
    partner_a = PartnerOrganisation.objects.create(
        name=f"Dereham Ukraine Aid Centre {number}", public_phone="01362 000000"
    )
    partner_b = PartnerOrganisation.objects.create(name=f"New Routes {number}")
    quota_a = GuestQuota.objects.create(
        allocation=allocation, organisation=partner_a, seats=seats_a
    )
    quota_b = GuestQuota.objects.create(
        allocation=allocation, organisation=partner_b, seats=seats_b
    )
    return Night(performance, allocation, quota_a, quota_b, partner_a, partner_b)


def worker_of(organisation: PartnerOrganisation):
    user = factories.user_with_role("Partner workers")
    PartnerWorker.objects.create(user=user, organisation=organisation)
    return user


def make_link(night: Night, **fields):
    """A claim link of partner A; returns (link, token)."""
    values = {
        "quota_id": night.quota_a.pk,
        "organisation": night.partner_a,
        "max_guests": 4,
        "max_hosts": 2,
        "actor": None,
        **fields,
    }
    made = claim_link_create(**values)
    return made.link, made.token


def name_party(night: Night, **fields):
    values = {
        "allocation_id": night.allocation.pk,
        "quota_id": night.quota_a.pk,
        "first_name": "Olena",
        "guests": 2,
        "hosts": 1,
        "language": "uk",
        "organisation": night.partner_a,
        **fields,
    }
    return ticket_create(**values)


def claim_fields(**fields) -> dict:
    return {
        "first_name": "Olena",
        "guests": 3,
        "hosts": 1,
        "language": "uk",
        **fields,
    }
