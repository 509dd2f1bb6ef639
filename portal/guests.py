"""Guest seats in the portal: a partner worker sees their organisation's quotas for the
performances to come, names guest parties against them, withdraws a party, asks the pool's
waiting list when the quota is full, and takes an offer. Every lookup is by the worker's own
organisation: another organisation's quota, ticket or request is a 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import rules, selectors_guests, services
from events.models import GuestTicket, PoolRequest
from portal.access import partner_worker_required
from portal.guests_forms import GuestPartyForm


@require_GET
@partner_worker_required
def guest_quotas(request):
    quotas = selectors_guests.partner_quotas_to_come(
        organisation=request.organisation, now=timezone.now()
    )
    return render(request, "portal/guests/list.html", {"quotas": quotas})


def _quota_or_404(request, quota_id):
    quota = selectors_guests.partner_quota_get(
        organisation=request.organisation, quota_id=quota_id, now=timezone.now()
    )
    if quota is None:
        raise Http404
    return quota


def _page(request, quota, *, name_form=None, pool_form=None):
    allocation = quota.allocation
    show_pool = quota.free < 1 or pool_form is not None
    return render(
        request,
        "portal/guests/quota.html",
        {
            "quota": quota,
            "allocation": allocation,
            "performance": allocation.performance,
            "released": rules.is_released(allocation),
            "name_form": name_form or (GuestPartyForm() if quota.free > 0 else None),
            "pool_form": pool_form or (GuestPartyForm(prefix="pool") if show_pool else None),
            "tickets": selectors_guests.partner_tickets(
                organisation=request.organisation, allocation_id=allocation.pk
            ),
            "pool_requests": selectors_guests.partner_pool_requests(
                organisation=request.organisation, allocation_id=allocation.pk
            ),
            "waitlist_rule": rules.waitlist_rule_words(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@partner_worker_required
def guest_quota(request, quota_id):
    """One performance: the quota's figures, the form to name a party, the organisation's
    tickets and places on the pool's waiting list."""
    quota = _quota_or_404(request, quota_id)
    if request.method == "GET":
        return _page(request, quota)
    form = GuestPartyForm(request.POST)
    if form.is_valid():
        try:
            ticket = services.ticket_create(
                allocation_id=quota.allocation_id,
                quota_id=quota.pk,
                organisation=request.organisation,
                named_by=request.user,
                **form.service_fields(),
            )
        except services.TicketError as error:
            form.add_error(None, error.message)
            # The party does not fit: offer the pool's waiting list, filled in as typed.
            typed = {
                name: value for name, value in form.cleaned_data.items() if name != "submission_key"
            }
            pool_form = GuestPartyForm(prefix="pool", initial=typed)
            return _page(request, quota, name_form=form, pool_form=pool_form)
        messages.success(
            request,
            _("%(name)s is named: reference %(reference)s.")
            % {"name": ticket.first_name, "reference": ticket.reference},
        )
        return redirect("portal:guest-quota", quota_id=quota.pk)
    return _page(request, quota, name_form=form)


@require_POST
@partner_worker_required
def guest_pool_join(request, quota_id):
    quota = _quota_or_404(request, quota_id)
    form = GuestPartyForm(request.POST, prefix="pool")
    if form.is_valid():
        try:
            services.pool_request_create(
                allocation_id=quota.allocation_id,
                quota_id=quota.pk,
                organisation=request.organisation,
                requested_by=request.user,
                **form.service_fields(),
            )
        except services.TicketError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The party is on the waiting list for the shared pool."))
            return redirect("portal:guest-quota", quota_id=quota.pk)
    return _page(request, quota, pool_form=form)


def _own_ticket_or_404(request, ticket_id) -> GuestTicket:
    return get_object_or_404(
        GuestTicket.objects.select_related("allocation__performance"),
        pk=ticket_id,
        organisation=request.organisation,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@partner_worker_required
def guest_ticket_cancel(request, ticket_id):
    """Withdraw a party the organisation named, after one "are you sure?"."""
    ticket = _own_ticket_or_404(request, ticket_id)
    quota_id = request.GET.get("quota") or request.POST.get("quota") or ""
    back = _back(request, quota_id)
    if request.method == "POST":
        try:
            services.ticket_withdraw(
                ticket_id=ticket.pk, organisation=request.organisation, actor=request.user
            )
        except services.TicketError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The party is withdrawn and its seats are free again."))
        return redirect(back)
    return render(
        request,
        "portal/guests/cancel.html",
        {
            "ticket": ticket,
            "performance": ticket.allocation.performance,
            "back": back,
            "quota_id": quota_id,
        },
    )


def _back(request, quota_id: str) -> str:
    if quota_id.isdigit() and selectors_guests.partner_quota_get(
        organisation=request.organisation, quota_id=int(quota_id), now=timezone.now()
    ):
        return reverse("portal:guest-quota", kwargs={"quota_id": int(quota_id)})
    return reverse("portal:guest-quotas")


@require_POST
@partner_worker_required
def guest_pool_answer(request, request_id):
    """Take, or decline, seats the pool offers one of the organisation's parties (or leave the
    waiting list)."""
    pool_request = get_object_or_404(PoolRequest, pk=request_id, organisation=request.organisation)
    back = _back(request, request.POST.get("quota", ""))
    answer = request.POST.get("answer")
    if answer not in ("accept", "withdraw"):
        return redirect(back)
    try:
        if answer == "accept":
            ticket = services.pool_offer_accept(pool_request_id=pool_request.pk, actor=request.user)
            messages.success(
                request,
                _("%(name)s is named: reference %(reference)s.")
                % {"name": ticket.first_name, "reference": ticket.reference},
            )
        else:
            services.pool_request_withdraw(pool_request_id=pool_request.pk, actor=request.user)
            messages.success(request, _("The party has left the waiting list."))
    except services.TicketError as error:
        messages.error(request, error.message)
    return redirect(back)
