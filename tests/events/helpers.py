"""Performances with guest seats split between partners, built from the suite's clock."""

from datetime import timedelta

from django.utils import timezone

from events import services
from events.models import GuestAllocation, Performance
from partners.models import PartnerOrganisation, PartnerWorker
from sanctuary.roles import Role
from tests.factories import VenueFactory, user_with_role


def partner(name: str) -> PartnerOrganisation:
    return PartnerOrganisation.objects.get_or_create(name=name, defaults={"is_active": True})[0]


def worker_of(organisation: PartnerOrganisation, first_name: str = "Olena"):
    user = user_with_role(Role.PARTNER_WORKERS.value, first_name=first_name)
    PartnerWorker.objects.create(user=user, organisation=organisation)
    return user


def make_allocation(
    *,
    seats: int = 150,
    companion_seats: int = 60,
    quotas: dict | None = None,
    days_ahead: int = 10,
    release_in: timedelta = timedelta(days=3),
    slug: str = "orchestra",
) -> GuestAllocation:
    """A performance `days_ahead` days from now, its guest seats split into `quotas` (partner
    name, or None for the theatre's own: seats)."""
    now = timezone.now()
    starts_at = (now + timedelta(days=days_ahead)).replace(minute=30, second=0, microsecond=0)
    performance = Performance.objects.create(
        title="National Symphony Orchestra of Ukraine",
        slug=slug,
        venue=VenueFactory(name="Theatre Royal"),
        starts_at=starts_at,
        doors_at=starts_at - timedelta(minutes=45),
        running_minutes=120,
    )
    if quotas is None:
        quotas = {
            "Dereham Ukraine Aid Centre": 60,
            "The Bridge Plus+": 40,
            "New Routes": 30,
            None: 20,
        }
    return services.allocation_save(
        allocation=GuestAllocation(
            performance=performance,
            seats=seats,
            companion_seats=companion_seats,
            release_at=now + release_in,
        ),
        quotas=[
            services.QuotaSeats(seats=count, organisation=partner(name) if name else None)
            for name, count in quotas.items()
        ],
        actor=None,
    )


def quota_of(allocation: GuestAllocation, name: str | None):
    if name is None:
        return allocation.quotas.get(organisation__isnull=True)
    return allocation.quotas.get(organisation__name=name)


def name_party(allocation, quota, *, guests=1, hosts=0, first_name="Oksana", **fields):
    return services.ticket_create(
        allocation_id=allocation.pk,
        quota_id=quota.pk if quota is not None else None,
        first_name=first_name,
        guests=guests,
        hosts=hosts,
        language=fields.pop("language", "uk"),
        organisation=quota.organisation if quota is not None else None,
        **fields,
    )


def ask_pool(allocation, *, guests=1, hosts=0, first_name="Iryna", **fields):
    return services.pool_request_create(
        allocation_id=allocation.pk,
        quota_id=None,
        first_name=first_name,
        guests=guests,
        hosts=hosts,
        language=fields.pop("language", "uk"),
        **fields,
    )
