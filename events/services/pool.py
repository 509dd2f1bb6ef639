"""The shared pool's waiting list: asking for seats, offers made in order with an expiry,
accepting or declining them. Every write locks the allocation's row first (allocation_lock)."""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import rules
from events.messages.pool import pool_offer_message_queue
from events.models import GuestAllocation, GuestQuota, GuestTicket, PoolRequest
from events.services.tickets import TicketError, allocation_lock, ticket_create
from partners.models import PartnerOrganisation
from sanctuary.codes import token_new
from sanctuary.locks import lock_row, lock_rows
from sanctuary.models import User
from sanctuary.services import audit_record


def pool_offers_make(allocation: GuestAllocation, now) -> list[PoolRequest]:
    """Close the offers that have expired, then offer the pool's free seats to the waiting list
    under the written rule (events.rules.may_offer). Call with the allocation's row locked.
    Running it again changes nothing: offered seats are held, so they are not offered twice."""
    allocation.pool_requests.filter(rules.offer_expired_q(now)).update(
        status=PoolRequest.Status.EXPIRED
    )
    if not rules.pool_is_open(allocation, now):
        return []
    waiting = lock_rows(
        PoolRequest, allocation.pool_requests.filter(rules.waiting_q()).values_list("pk", flat=True)
    )
    if not waiting:
        return []
    free = rules.pool_seats_free(allocation)
    free_companions = rules.companion_seats_free(allocation)
    strict = rules.pool_in_strict_order(allocation, now)
    expires_at = min(now + rules.offer_hours(), allocation.performance.starts_at)
    offered, passed = [], False
    for request in sorted(waiting.values(), key=lambda request: (request.created_at, request.pk)):
        if not rules.may_offer(
            guests=request.guests,
            hosts=request.hosts,
            free=free,
            free_companions=free_companions,
            strict=strict,
            passes_someone=passed,
        ):
            passed = True
            continue
        request.status = PoolRequest.Status.OFFERED
        request.offer_token = token_new()
        request.offered_at = now
        request.offer_expires_at = expires_at
        request.save(update_fields=["status", "offer_token", "offered_at", "offer_expires_at"])
        free -= request.guests
        free_companions -= request.hosts
        audit_record(actor=None, action="guest_pool.offer", obj=request)
        pool_offer_message_queue(request)
        offered.append(request)
    return offered


def pool_offers_refresh(*, now=None) -> int:
    """Beat's scan: for every performance still to come whose pool has offers run out or
    parties waiting, expire and offer again, each allocation under its own lock and in its own
    transaction. Returns how many offers were made."""
    now = now or timezone.now()
    due = (
        GuestAllocation.objects.filter(rules.pool_open_q(now))
        .filter(
            pk__in=PoolRequest.objects.filter(rules.waiting_q() | rules.offer_expired_q(now))
            .order_by()
            .values("allocation_id")
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    made = 0
    for allocation_id in due:
        with transaction.atomic():
            made += len(pool_offers_make(allocation_lock(allocation_id), now))
    return made


@transaction.atomic
def pool_request_create(
    *,
    allocation_id: int,
    quota_id: int | None,
    first_name: str,
    guests: int,
    hosts: int,
    language: str,
    access_needs: str = "",
    email: str = "",
    phone: str = "",
    organisation: PartnerOrganisation | None = None,
    requested_by: User | None = None,
    submission_key: uuid.UUID | None = None,
) -> PoolRequest:
    """Put a party on the pool's waiting list: for a party that no longer fits its partner's
    quota (`quota_id`). If the pool has the seats, the offer is made at once."""
    allocation = allocation_lock(allocation_id)
    if submission_key is not None:
        first = PoolRequest.objects.filter(submission_key=submission_key).first()
        if first is not None and first.allocation_id == allocation.pk:
            return first
        if first is not None:
            submission_key = None
    now = timezone.now()
    if not rules.pool_is_open(allocation, now):
        raise TicketError(_("Sorry, guests can no longer be named for this performance."))
    if quota_id is not None:
        quota = GuestQuota.objects.get(pk=quota_id, allocation=allocation)
        if not rules.may_join_pool(quota_free=rules.quota_seats_free(quota), guests=guests):
            raise TicketError(_("Your quota still has seats for this party: name them instead."))
    request = PoolRequest(
        allocation=allocation,
        organisation=organisation,
        requested_by=requested_by,
        first_name=first_name.strip(),
        guests=guests,
        hosts=hosts,
        language=language,
        access_needs=access_needs.strip(),
        email=email.strip().lower(),
        phone=phone,
        submission_key=submission_key,
    )
    request.full_clean(exclude=["allocation"], validate_unique=False)
    request.save()
    audit_record(
        actor=requested_by,
        action="guest_pool.request",
        obj=request,
        detail={"guests": guests, "hosts": hosts},
    )
    pool_offers_make(allocation, now)
    request.refresh_from_db()
    return request


@transaction.atomic
def pool_offer_accept(*, pool_request_id: int, actor: User | None) -> GuestTicket:
    """Take the seats offered: a ticket from the pool. Accepting twice gives the same ticket."""
    request = PoolRequest.objects.only("allocation_id").get(pk=pool_request_id)
    allocation = allocation_lock(request.allocation_id)
    request = lock_row(PoolRequest, pool_request_id)
    if request.status == PoolRequest.Status.ACCEPTED and request.ticket_id:
        return request.ticket
    request.allocation = allocation
    if not rules.offer_may_be_accepted(request, timezone.now()):
        raise TicketError(_("Sorry, this offer has expired or been withdrawn."))
    # No longer held for itself: its seats are free for its own ticket.
    request.status = PoolRequest.Status.ACCEPTED
    request.save(update_fields=["status"])
    ticket = ticket_create(
        allocation_id=allocation.pk,
        quota_id=None,
        first_name=request.first_name,
        guests=request.guests,
        hosts=request.hosts,
        language=request.language,
        access_needs=request.access_needs,
        email=request.email,
        phone=str(request.phone) if request.phone else "",
        organisation=request.organisation,
        named_by=actor if actor is not None and actor.is_authenticated else None,
    )
    request.ticket = ticket
    request.save(update_fields=["ticket"])
    audit_record(actor=actor, action="guest_pool.accept", obj=request)
    return ticket


@transaction.atomic
def pool_request_withdraw(*, pool_request_id: int, actor: User | None) -> PoolRequest:
    """Leave the waiting list, or decline an offer: its seats go to the next party."""
    request = PoolRequest.objects.only("allocation_id").get(pk=pool_request_id)
    allocation = allocation_lock(request.allocation_id)
    request = lock_row(PoolRequest, pool_request_id)
    if request.status not in (PoolRequest.Status.WAITING, PoolRequest.Status.OFFERED):
        return request
    request.status = PoolRequest.Status.WITHDRAWN
    request.save(update_fields=["status"])
    audit_record(actor=actor, action="guest_pool.withdraw", obj=request)
    pool_offers_make(allocation, timezone.now())
    return request
