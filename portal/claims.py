"""Claim links in the portal: a partner worker makes a one-time link for a guest against their
organisation's quota, sees it once, sends it, and follows their organisation's links."""

from django.contrib import messages
from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from events import rules
from events.models import ClaimLink, GuestQuota, GuestTicket
from events.services.claims import (
    ClaimError,
    claim_link_create,
    claim_link_path,
    claim_link_revoke,
    claim_link_send,
    claim_token_digest,
)
from events.ticket_forms import ClaimLinkForm, ClaimLinkSendForm
from portal.access import partner_worker_required

LINKS_SHOWN = 100


def _open_quotas(organisation):
    """The organisation's quotas it may still send links for, with the seats not yet named."""
    named = (
        GuestTicket.objects.filter(rules.holds_seats_q(), quota=OuterRef("pk"))
        .values("quota")
        .annotate(total=Sum("guests"))
        .values("total")
    )
    quotas = (
        GuestQuota.objects.filter(rules.may_send_links_q(timezone.now()), organisation=organisation)
        .select_related("allocation__performance")
        .annotate(named=Coalesce(Subquery(named, output_field=IntegerField()), 0))
        .order_by("allocation__performance__starts_at", "pk")
    )
    for quota in quotas:
        starts_at = timezone.localtime(quota.allocation.performance.starts_at)
        quota.seats_free = quota.seats - quota.named
        quota.starts_label = _("%(date)s, %(seats)s seats left") % {
            "date": date_format(starts_at, "j E Y, H:i"),
            "seats": quota.seats_free,
        }
    return list(quotas)


def _links(organisation):
    now = timezone.now()
    links = list(
        ClaimLink.objects.filter(quota__organisation=organisation)
        .select_related("quota__allocation__performance", "ticket")
        .order_by("-created_at", "-pk")[:LINKS_SHOWN]
    )
    for link in links:
        link.state = rules.claim_link_state(link, now)
    return links


def _page(request, form, status=200):
    return render(
        request,
        "portal/claims/list.html",
        {
            "organisation": request.organisation,
            "form": form,
            "links": _links(request.organisation),
        },
        status=status,
    )


def _created(request, made_token: str, send_form, link, status=200):
    """The one page that shows the whole link: it is not stored, so it cannot be shown again."""
    return render(
        request,
        "portal/claims/created.html",
        {
            "link": link,
            "performance": link.quota.allocation.performance,
            "url": request.build_absolute_uri(claim_link_path(made_token)),
            "send_form": send_form,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@partner_worker_required
def claim_links(request):
    quotas = _open_quotas(request.organisation)
    form = ClaimLinkForm(request.POST or None, quotas=quotas)
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
    return _page(request, form, status=200 if not form.errors else 400)


@never_cache
@require_POST
@partner_worker_required
def claim_link_send_view(request):
    form = ClaimLinkSendForm(request.POST)
    token = request.POST.get("token", "")
    link = (
        ClaimLink.objects.select_related("quota__allocation__performance")
        .filter(quota__organisation=request.organisation)
        .filter(token_digest=claim_token_digest(token))
        .first()
    )
    if link is None:
        messages.error(request, _("This link can no longer be sent."))
        return redirect("portal:claims")
    if form.is_valid():
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
    return _created(request, token, form, link, status=400)


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
