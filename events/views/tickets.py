"""A guest party's ticket page, reached only by its private link: the reference, the door
code (big, and as a QR code), the performance, and "we can no longer come"."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events import rules
from events.models import GuestTicket
from events.qr import qr_svg
from events.services.ticket_changes import ticket_cancel
from events.services.tickets import TicketError
from events.ticket_calendar import performance_ics
from events.ticket_selectors import ticket_get_by_token


def private(response):
    """A page with someone's ticket on it: never indexed (and never cached: see never_cache)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _ticket_or_404(token: str) -> GuestTicket:
    ticket = ticket_get_by_token(token=token)
    if ticket is None:
        raise Http404
    return ticket


@never_cache
@require_GET
def ticket(request, token):
    ticket = _ticket_or_404(token)
    performance = ticket.allocation.performance
    # A cancelled ticket, or performance, offers no code to show and no calendar.
    live = rules.offers_calendar(ticket)
    return private(
        render(
            request,
            "events/ticket.html",
            {
                "ticket": ticket,
                "performance": performance,
                "venue": performance.venue,
                "live": live,
                "qr": qr_svg(ticket.door_code, title=_("Door code")) if live else "",
                "cancellable": rules.may_guest_cancel(ticket, timezone.now()),
            },
        )
    )


@never_cache
@require_http_methods(["GET", "POST"])
def ticket_cancel_view(request, token):
    """ "We can no longer come", after one "are you sure?"."""
    ticket = _ticket_or_404(token)
    if not rules.may_guest_cancel(ticket, timezone.now()):
        return redirect(ticket.ticket_path())
    if request.method == "POST":
        try:
            ticket_cancel(ticket_id=ticket.pk, actor=None, by_guest=True)
        except TicketError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your seats are cancelled. Thank you for telling us."))
        return redirect(ticket.ticket_path())
    return private(
        render(
            request,
            "events/ticket_cancel.html",
            {"ticket": ticket, "performance": ticket.allocation.performance},
        )
    )


@never_cache
@require_GET
def ticket_calendar(request, token):
    ticket = _ticket_or_404(token)
    if not rules.offers_calendar(ticket):
        raise Http404
    body = performance_ics(
        ticket=ticket,
        url=request.build_absolute_uri(ticket.ticket_path()),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ticket.reference}.ics"'
    return private(response)
