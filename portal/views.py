"""The partner portal's home page: what a worker can do, and their organisation's latest
referrals and bookings."""

from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from bursaries import selectors as bursary_selectors
from dropins import selectors as dropin_selectors
from portal.access import partner_worker_required

RECENT = 5


@partner_worker_required
@never_cache
@require_GET
def home(request):
    organisation = request.organisation
    return render(
        request,
        "portal/home.html",
        {
            "organisation": organisation,
            "referrals": bursary_selectors.referral_list_for_organisation(
                organisation=organisation
            )[:RECENT],
            "bookings": dropin_selectors.bookings_for_partner(organisation=organisation)[:RECENT],
            "has_two_factor": is_mfa_enabled(request.user),
        },
    )
