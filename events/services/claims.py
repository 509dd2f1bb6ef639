"""Claim links: a partner worker sends a guest a one-time link, and the guest names their own
party with it, on a phone, without an account.

Only the link key's digest is stored: the full link is shown to the worker once. Claiming
takes the allocation's lock (as every seat write does), then the link's row, so two claims of
one link queue one behind the other and the second finds it used.
"""

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from events import rules
from events.messages.tickets import claim_link_message_queue
from events.models import ClaimLink, GuestQuota, GuestTicket
from events.services.tickets import TicketError, allocation_lock, ticket_create
from partners.models import PartnerOrganisation
from sanctuary.codes import token_new
from sanctuary.locks import lock_row
from sanctuary.models import OutgoingMessage, User
from sanctuary.services import audit_record, messages_forget


class ClaimError(TicketError):
    """A claim link cannot be used, or made. `state` says why to the guest's page: "used",
    "withdrawn", "expired", or "" for anything else (seats gone, too many people)."""

    def __init__(self, message, state: str = ""):
        super().__init__(message)
        self.state = state


@dataclass
class ClaimLinkMade:
    link: ClaimLink
    token: str  # shown once, never stored


def claim_token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def claim_link_path(token: str) -> str:
    return reverse("events:claim", kwargs={"token": token})


def claim_link_expiry(quota: GuestQuota, now) -> datetime:
    """EVENTS_CLAIM_LINK_DAYS from now, but never after the release deadline or the
    performance."""
    allocation = quota.allocation
    return min(
        now + timedelta(days=settings.EVENTS_CLAIM_LINK_DAYS),
        allocation.release_at,
        allocation.performance.starts_at,
    )


@transaction.atomic
def claim_link_create(
    *,
    quota_id: int,
    organisation: PartnerOrganisation,
    max_guests: int,
    max_hosts: int,
    actor: User | None,
) -> ClaimLinkMade:
    """A one-time link for up to `max_guests` guests and `max_hosts` hosts against the
    organisation's own quota. The link takes no seats: whoever names first has them."""
    now = timezone.now()
    quota = (
        GuestQuota.objects.select_related("allocation__performance")
        .filter(pk=quota_id, organisation=organisation)
        .first()
    )
    if quota is None:
        raise ClaimError(_("This performance has no seats for your organisation."))
    allocation = quota.allocation
    if not rules.may_send_links(quota, now):
        raise ClaimError(_("Sorry, links can no longer be sent for this performance."))
    if max_guests > rules.quota_seats_free(quota):
        raise ClaimError(_("Your organisation has fewer seats left than this link offers."))
    if max_hosts > rules.companion_seats_free(allocation):
        raise ClaimError(_("There are fewer seats for hosts left than this link offers."))
    token = token_new()
    link = ClaimLink(
        quota=quota,
        token_digest=claim_token_digest(token),
        max_guests=max_guests,
        max_hosts=max_hosts,
        expires_at=claim_link_expiry(quota, now),
        created_by=actor,
    )
    link.full_clean(exclude=["quota", "ticket"])
    link.save()
    audit_record(
        actor=actor,
        action="claim_link.create",
        obj=link,
        detail={"max_guests": max_guests, "max_hosts": max_hosts},
    )
    return ClaimLinkMade(link=link, token=token)


@transaction.atomic
def claim_link_send(
    *,
    token: str,
    organisation: PartnerOrganisation,
    email: str = "",
    phone: str = "",
    language: str,
    actor: User | None,
) -> list[OutgoingMessage]:
    """Send a fresh link to the guest by email and/or text, in their language. The worker
    still holds the link (it came back with the form); its digest finds it, and only a link of
    the worker's own organisation that can still be used."""
    now = timezone.now()
    link = (
        ClaimLink.objects.select_related("quota__allocation__performance")
        .filter(token_digest=claim_token_digest(token), quota__organisation=organisation)
        .first()
    )
    if link is None or not rules.is_claim_link_usable(link, now):
        raise ClaimError(_("This link can no longer be sent."))
    with translation.override(language):
        url = settings.SITE_URL + claim_link_path(token)
    messages = claim_link_message_queue(link, email=email, phone=phone, language=language, url=url)
    audit_record(
        actor=actor, action="claim_link.send", obj=link, detail={"messages": len(messages)}
    )
    return messages


@transaction.atomic
def claim_link_revoke(
    *, link_id: int, organisation: PartnerOrganisation, actor: User | None
) -> ClaimLink:
    """Withdraw an unused link of the worker's own organisation."""
    link = lock_row(
        ClaimLink.objects.select_related("quota__allocation__performance").filter(
            quota__organisation=organisation
        ),
        link_id,
    )
    if not rules.may_revoke_claim_link(link, timezone.now()):
        raise ClaimError(_("Only a link nobody has used yet can be withdrawn."))
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="claim_link.revoke", obj=link)
    # A link still waiting in the outbox is not sent; one sent forgets the link.
    messages_forget(subjects=ClaimLink.objects.filter(pk=link.pk))
    return link


_REFUSALS = {
    "full": _("Sorry, all the seats for this link have been taken."),
    "used": _("This link has already been used."),
    "withdrawn": _("This link has been withdrawn."),
    "expired": _("This link has expired."),
}


def claim_refusal(state: str):
    return _REFUSALS[state]


@transaction.atomic
def claim_link_claim(
    *,
    token: str,
    first_name: str,
    guests: int,
    hosts: int,
    language: str,
    access_needs: str = "",
    email: str = "",
    phone: str = "",
    submission_key: uuid.UUID | None = None,
) -> GuestTicket:
    """The guest names their party with the link: one ticket against the link's quota, and the
    link is used, in one transaction. The same form sent again gets the first ticket; any other
    use of a used link is refused."""
    found = ClaimLink.objects.filter(token_digest=claim_token_digest(token)).only("pk").first()
    if found is None:
        raise ClaimError(_("This link has expired."), state="expired")
    allocation_lock(
        GuestQuota.objects.values_list("allocation_id", flat=True).get(claim_links=found)
    )
    link = lock_row(
        ClaimLink.objects.select_related("quota__allocation__performance", "ticket"), found.pk
    )
    now = timezone.now()
    if (
        link.ticket_id is not None
        and submission_key is not None
        and link.ticket.submission_key == submission_key
    ):
        return link.ticket
    state = rules.claim_link_state(link, now)
    if state != "unused":
        raise ClaimError(claim_refusal(state), state=state)
    if guests > link.max_guests or hosts > link.max_hosts:
        raise ClaimError(_("This link is for fewer people. Ask the person who sent it."))
    ticket = ticket_create(
        allocation_id=link.quota.allocation_id,
        quota_id=link.quota_id,
        first_name=first_name,
        guests=guests,
        hosts=hosts,
        language=language,
        access_needs=access_needs,
        email=email,
        phone=phone,
        organisation=link.quota.organisation,
        submission_key=submission_key,
    )
    link.ticket = ticket
    link.save(update_fields=["ticket"])
    audit_record(actor=None, action="claim_link.claim", obj=link, detail={"ticket": ticket.pk})
    messages_forget(subjects=ClaimLink.objects.filter(pk=link.pk))
    return ticket
