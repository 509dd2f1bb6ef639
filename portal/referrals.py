"""Referring someone for a bursary through the portal, and following the organisation's
referrals. Each view asks bursaries.rules (through its selectors) which referrals are the
organisation's; another organisation's is not found."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from bursaries import rules, services
from bursaries import selectors as bursary_selectors
from portal.access import partner_worker_required
from portal.forms import ReferralForm
from sanctuary.ratelimit import rate_limit_hit

PER_PAGE = 50
HOUR = 60 * 60


def _detail(application):
    return redirect(reverse("portal:referral", kwargs={"pk": application.pk}))


@partner_worker_required
@never_cache
@require_GET
def referral_list(request):
    referrals = bursary_selectors.referral_list_for_organisation(organisation=request.organisation)
    page = Paginator(referrals, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/referral_list.html", {"page": page})


@partner_worker_required
@never_cache
@require_GET
def referral_funds(request):
    """Which fund to refer someone to: the funds open now."""
    funds = [fund for fund in bursary_selectors.fund_list_public() if fund.is_open]
    return render(request, "portal/referral_funds.html", {"funds": funds})


@partner_worker_required
@never_cache
@require_http_methods(["GET", "POST"])
def referral_create(request, slug):
    fund = bursary_selectors.fund_get_public(slug=slug)
    if fund is None:
        raise Http404
    worker = request.user.partner_worker
    if request.method != "POST":
        if not fund.is_open:
            return redirect("portal:referral_funds")
        return _form(request, fund, ReferralForm(worker=worker))
    form = ReferralForm(data=request.POST, worker=worker)
    key = form.submission_key_sent()
    first = bursary_selectors.application_by_submission_key(key=key) if key else None
    if first is not None:
        # The same form sent again: the first one's page (or nothing, if it is not ours).
        if not rules.is_portal_referral_of(first, request.organisation):
            raise Http404
        return _detail(first)
    if not fund.is_open:
        form.add_error(None, _("This fund is not taking applications now."))
        return _form(request, fund, form)
    if form.is_valid():
        if rate_limit_hit(
            request,
            scope=f"portal-referral:{request.user.pk}",
            limit=settings.PORTAL_REFERRALS_PER_HOUR,
            period=HOUR,
        ):
            form.add_error(
                None,
                _(
                    "You have sent many referrals in the last hour. Please try again later: "
                    "everything you typed is still here."
                ),
            )
            return _form(request, fund, form, status=429)
        try:
            application = services.application_submit(
                fund=fund,
                **form.application_data(),
                portal_organisation=request.organisation,
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if not rules.is_portal_referral_of(application, request.organisation):
                raise Http404  # a key sent with another organisation's referral
            messages.success(request, _("Thank you. The referral is sent."))
            return _detail(application)
    return _form(request, fund, form)


def _form(request, fund, form, *, status=200):
    return render(
        request,
        "portal/referral_form.html",
        {"fund": fund, "form": form, "keep_months": settings.BURSARY_ANONYMISE_AFTER_MONTHS},
        status=status,
    )


@partner_worker_required
@never_cache
@require_GET
def referral_detail(request, pk):
    application = bursary_selectors.referral_get_for_organisation(
        organisation=request.organisation, pk=pk
    )
    if application is None:
        raise Http404
    return render(request, "portal/referral_detail.html", {"application": application})
