"""Reads about guest tickets and claim links, for the guest's pages and the portal. Each is a
fixed number of queries, however many tickets there are."""

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events import rules
from events.models import ClaimLink, GuestQuota, GuestTicket
from events.services.claims import claim_token_digest
from partners.models import PartnerOrganisation

LINKS_SHOWN = 100


def claim_link_get(*, token: str) -> ClaimLink | None:
    """The link behind a guest's URL, with its performance, venue and partner (one query)."""
    return (
        ClaimLink.objects.select_related(
            "quota__allocation__performance__venue", "quota__organisation"
        )
        .filter(token_digest=claim_token_digest(token))
        .first()
    )


def claim_link_of(*, token: str, organisation: PartnerOrganisation) -> ClaimLink | None:
    """A link the worker holds, if it is their own organisation's."""
    return (
        ClaimLink.objects.select_related("quota__allocation__performance")
        .filter(token_digest=claim_token_digest(token), quota__organisation=organisation)
        .first()
    )


def ticket_get_by_token(*, token: str) -> GuestTicket | None:
    return (
        GuestTicket.objects.select_related("allocation__performance__venue", "organisation")
        .filter(token=token, anonymised_at__isnull=True)
        .first()
    )


def quotas_open_for_links(*, organisation: PartnerOrganisation) -> list[GuestQuota]:
    """The organisation's quotas it may still send links for, each with `seats_free`."""
    named = (
        GuestTicket.objects.filter(rules.holds_seats_q(), quota=OuterRef("pk"))
        .values("quota")
        .annotate(total=Sum("guests"))
        .values("total")
    )
    quotas = list(
        GuestQuota.objects.filter(rules.may_send_links_q(timezone.now()), organisation=organisation)
        .select_related("allocation__performance")
        .annotate(named=Coalesce(Subquery(named, output_field=IntegerField()), 0))
        .order_by("allocation__performance__starts_at", "pk")
    )
    for quota in quotas:
        quota.seats_free = quota.seats - quota.named
    return quotas


def claim_links_of(*, organisation: PartnerOrganisation) -> list[ClaimLink]:
    """The organisation's latest links, newest first, each with its `state`."""
    now = timezone.now()
    links = list(
        ClaimLink.objects.filter(quota__organisation=organisation)
        .select_related("quota__allocation__performance", "ticket")
        .order_by("-created_at", "-pk")[:LINKS_SHOWN]
    )
    for link in links:
        link.state = rules.claim_link_state(link, now)
    return links
