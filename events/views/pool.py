"""The offer link: whoever holds it takes the seats offered from the shared pool, or declines
them, on a phone, without an account."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events import rules, services
from events.models import PoolRequest


def _offer_or_404(token: str) -> PoolRequest:
    request = (
        PoolRequest.objects.select_related("allocation__performance__venue", "ticket")
        .filter(offer_token=token, anonymised_at__isnull=True)
        .exclude(offer_token="")
        .first()
    )
    if request is None:
        raise Http404
    return request


@never_cache
@require_http_methods(["GET", "POST"])
def pool_offer(request, token):
    offer = _offer_or_404(token)
    open_offer = rules.offer_may_be_accepted(offer, timezone.now())
    answer = request.POST.get("answer")
    if request.method == "POST" and open_offer and answer in ("accept", "decline"):
        try:
            if answer == "decline":
                services.pool_request_withdraw(pool_request_id=offer.pk, actor=request.user)
                messages.success(
                    request, _("Thank you for telling us. The seats go to the next party.")
                )
            else:
                services.pool_offer_accept(pool_request_id=offer.pk, actor=request.user)
                messages.success(request, _("Thank you. The seats are yours."))
        except services.TicketError as error:
            messages.error(request, error.message)
        return redirect("events:pool-offer", token=token)
    response = render(
        request,
        "events/pool_offer.html",
        {
            "offer": offer,
            "performance": offer.allocation.performance,
            "open_offer": open_offer,
            "ticket": offer.ticket if offer.status == PoolRequest.Status.ACCEPTED else None,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
