"""The guest's claim page: a one-time link from a partner worker, opened on a phone, with no
account and no JavaScript. It names the guest's party and leads to their ticket page."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events import rules
from events.services.claims import ClaimError, claim_link_claim, claim_refusal
from events.services.tickets import TicketError
from events.ticket_forms import ClaimForm
from events.ticket_selectors import claim_link_get
from events.views.tickets import private
from sanctuary.ratelimit import rate_limit_hit

TOO_MANY_CLAIMS = _(
    "We have had too many tries from here in a short time. Wait a few minutes, then try again."
)


def _closed(request, link, state: str):
    """A kind page for a link that can no longer be used, saying whom to ask."""
    return private(
        render(
            request,
            "events/claim_closed.html",
            {
                "link": link,
                "performance": link.quota.allocation.performance,
                "partner": link.quota.organisation,
                "refusal": claim_refusal(state),
                "state": state,
            },
            status=410,
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def claim(request, token):
    link = claim_link_get(token=token)
    if link is None:
        raise Http404
    now = timezone.now()
    form = ClaimForm(request.POST or None, max_guests=link.max_guests, max_hosts=link.max_hosts)
    state = rules.claim_link_state(link, now)
    if state == "unused" and rules.quota_seats_free(link.quota) < 1:
        state = "full"  # nothing left to take: say so before the guest types anything
    if state != "unused" and not (request.method == "POST" and link.ticket_id):
        return _closed(request, link, state)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limit_hit(
            request,
            scope="events-claim",
            limit=settings.EVENTS_CLAIMS_PER_HOUR,
            period=60 * 60,
        ):
            form.add_error(None, TOO_MANY_CLAIMS)
            status = 429
        else:
            try:
                ticket = claim_link_claim(token=token, **form.ticket_fields())
            except ClaimError as error:
                if error.state:
                    return _closed(request, link, error.state)
                form.add_error(None, error.message)
            except TicketError as error:
                form.add_error(None, error.message)
            else:
                return redirect(ticket.ticket_path())
    elif state != "unused":
        # A form sent to a used link that is not the form that used it.
        return _closed(request, link, state)
    return private(
        render(
            request,
            "events/claim.html",
            {
                "link": link,
                "performance": link.quota.allocation.performance,
                "partner": link.quota.organisation,
                "form": form,
                "keep_days": settings.EVENTS_KEEP_DAYS,
            },
            status=status,
        )
    )
