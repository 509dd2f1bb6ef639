"""Reads about guest seats for the partner portal and the admin: one organisation's quotas,
tickets and places on the pool's waiting list, each in a query that does not grow with rows."""

from django.db.models import QuerySet

from events import rules
from events.models import GuestQuota, GuestTicket, PoolRequest
from partners.models import PartnerOrganisation


def partner_quotas_to_come(*, organisation: PartnerOrganisation, now) -> QuerySet:
    """The organisation's quotas for performances still to come, with seats, named and free."""
    quotas = GuestQuota.objects.filter(
        rules.to_come_q(now, "allocation__"), organisation=organisation
    )
    return rules.quotas_with_figures(
        quotas.select_related("allocation__performance__venue")
    ).order_by("allocation__performance__starts_at", "pk")


def partner_quota_get(
    *, organisation: PartnerOrganisation, quota_id: int, now
) -> GuestQuota | None:
    return partner_quotas_to_come(organisation=organisation, now=now).filter(pk=quota_id).first()


def partner_tickets(*, organisation: PartnerOrganisation, allocation_id: int) -> QuerySet:
    """The organisation's own guest tickets for one performance, from its quota or the pool."""
    return GuestTicket.objects.filter(
        allocation_id=allocation_id, organisation=organisation
    ).order_by("-status", "created_at", "pk")


def partner_pool_requests(*, organisation: PartnerOrganisation, allocation_id: int) -> QuerySet:
    return PoolRequest.objects.filter(
        allocation_id=allocation_id,
        organisation=organisation,
        status__in=[PoolRequest.Status.WAITING, PoolRequest.Status.OFFERED],
    ).order_by("created_at", "pk")
