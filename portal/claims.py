"""Claim links in the portal: a partner worker makes a one-time link for a guest against their
organisation's quota, sees it once, sends it, and follows their organisation's links."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from events.models import ClaimLink
from events.services.claims import (
    ClaimError,
    claim_link_create,
    claim_link_path,
    claim_link_revoke,
    claim_link_send,
)
from events.ticket_forms import ClaimLinkForm, ClaimLinkSendForm
from events.ticket_selectors import claim_link_of, claim_links_of, quotas_open_for_links
from portal.access import partner_worker_required


def _quotas(organisation):
    quotas = quotas_open_for_links(organisation=organisation)
    for quota in quotas:
        starts_at = timezone.localtime(quota.allocation.performance.starts_at)
        quota.starts_label = _("%(date)s, %(seats)s seats left") % {
            "date": date_format(starts_at, "j E Y, H:i"),
            "seats": quota.seats_free,
        }
    return quotas


def _created(request, token: str, send_form, link, status=200):
    """The one page that shows the whole link: it is not stored, so it cannot be shown again."""
    return render(
        request,
        "portal/claims/created.html",
        {
            "link": link,
            "performance": link.quota.allocation.performance,
            "url": request.build_absolute_uri(claim_link_path(token)),
            "send_form": send_form,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@partner_worker_required
def claim_links(request):
    form = ClaimLinkForm(request.POST or None, quotas=_quotas(request.organisation))
    if request.method == "POST" and form.is_valid():
        try:
            made = claim_link_create(
                quota_id=form.cleaned_data["quota"],
                organisation=request.organisation,
                max_guests=form.cleaned_data["max_guests"],
                max_hosts=form.cleaned_data["max_hosts"],
                actor=request.user,
            )
        except ClaimError as error:
            form.add_error(None, error.message)
        else:
            send_form = ClaimLinkSendForm(initial={"token": made.token})
            return _created(request, made.token, send_form, made.link)
    return render(
        request,
        "portal/claims/list.html",
        {
            "organisation": request.organisation,
            "form": form,
            "links": claim_links_of(organisation=request.organisation),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_POST
@partner_worker_required
def claim_link_send_view(request):
    form = ClaimLinkSendForm(request.POST)
    token = request.POST.get("token", "")
    link = claim_link_of(token=token, organisation=request.organisation)
    if link is None:
        messages.error(request, _("This link can no longer be sent."))
        return redirect("portal:claims")
    if not form.is_valid():
        return _created(request, token, form, link, status=400)
    try:
        claim_link_send(
            token=form.cleaned_data["token"],
            organisation=request.organisation,
            language=form.cleaned_data["language"],
            actor=request.user,
            **form.contact(),
        )
    except ClaimError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The link is on its way to the guest."))
    return redirect("portal:claims")


@require_POST
@partner_worker_required
def claim_link_withdraw(request, pk):
    try:
        claim_link_revoke(link_id=pk, organisation=request.organisation, actor=request.user)
    except ClaimLink.DoesNotExist:
        # Not this organisation's link (or none at all): the same answer either way.
        raise Http404 from None
    except ClaimError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The link is withdrawn: it no longer works."))
    return redirect("portal:claims")
