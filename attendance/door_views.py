"""A performance's door on the volunteers' tablets, and its figures after the night.

The door is the drop-in register's page and machinery with guest tickets for bookings: plain
forms without JavaScript; with it (static/js/register.js) taps show at once, wait in the
browser when the Wi-Fi drops, and the page asks every few seconds what other tablets did.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from attendance import inputs, rules, selectors, services
from attendance.forms import DonationsForm
from attendance.views import attendance_required, json_methods, tap_message, taps_apply_response
from dropins.views import not_indexed


def _performance_or_404(request, pk):
    performance = selectors.door_performance_get(user=request.user, pk=pk)
    if performance is None:
        raise Http404
    return performance


def _form_tap(data):
    return inputs.form_tap(data, numbers=inputs.DOOR_NUMBERS, party="ticket_id")


@require_GET
@never_cache
@attendance_required
def door(request, pk):
    performance = _performance_or_404(request, pk)
    search = inputs.text(request.GET.get("q"), 60)
    # Read before the picture: a tap made in between is sent again by the first poll.
    cursor = selectors.door_cursor(performance)
    context = {
        "performance": performance,
        "search": search,
        "tickets": selectors.door_tickets(performance, search=search),
        "walk_ups": selectors.door_walk_ups(performance),
        "totals": selectors.door_totals(performance),
        "cursor": cursor,
        # Each form's one-time key, new with every page (see inputs.form_tap).
        "register_key": inputs.form_key_new(),
        "walk_in_key": inputs.form_key_new(),
    }
    return not_indexed(render(request, "attendance/door.html", context))


@require_http_methods(["GET", "POST"])
@attendance_required
def door_tap(request, pk):
    """A tap from the page without JavaScript: apply it, say what happened, show the door."""
    performance = _performance_or_404(request, pk)
    if request.method == "POST":
        try:
            one = _form_tap(request.POST)
        except inputs.BadInput as error:
            messages.error(request, error.message)
        else:
            result = services.door_apply(
                performance_id=performance.pk, tap=one, actor=request.user, station="web"
            )
            level = messages.SUCCESS if result.applied and not result.repeat else messages.WARNING
            messages.add_message(request, level, tap_message(result, one))
    return redirect("register:door", pk=performance.pk)


@json_methods("POST")
@never_cache
@attendance_required
def door_sync(request, pk):
    """Taps from the page's script, in the order they happened, each applied at most once."""
    performance = _performance_or_404(request, pk)
    return taps_apply_response(
        request,
        lambda tap, station: services.door_apply(
            performance_id=performance.pk, tap=tap, actor=request.user, station=station
        ),
    )


@json_methods("GET")
@never_cache
@attendance_required
def door_changes(request, pk):
    """What changed since the tablet last asked: rows to show again, and the totals."""
    performance = _performance_or_404(request, pk)
    try:
        cursor = inputs.changes_cursor(request.GET, now=timezone.now())
    except inputs.BadInput as error:
        return JsonResponse({"error": error.code, "message": error.message}, status=error.status)
    found = selectors.door_changes(performance, cursor=cursor)
    context = {"performance": performance}
    rows = [
        {
            "id": f"t-{ticket.pk}",
            "html": render_to_string(
                "attendance/_ticket.html", {**context, "ticket": ticket}, request
            ),
        }
        for ticket in found.parties
    ]
    rows += [
        {
            "id": f"w-{walk_up.pk}",
            "html": render_to_string(
                "attendance/_walk_up.html", {**context, "walk_up": walk_up}, request
            ),
        }
        for walk_up in found.walk_ins
    ]
    return JsonResponse(
        {
            "after": found.cursor.after,
            "since": found.cursor.since.isoformat(),
            "rows": rows,
            "gone": [f"t-{pk}" for pk in sorted(found.parties_gone)],
            "totals": render_to_string(
                "attendance/_door_totals.html",
                {**context, "totals": selectors.door_totals(performance)},
                request,
            ),
            "closed": False,
        }
    )


@require_http_methods(["GET", "POST"])
@never_cache
@attendance_required
def figures(request, pk):
    """After the night: the figures per partner, and the donations raised (programme staff)."""
    if not rules.may_see_door_figures(request.user):
        raise PermissionDenied
    performance = _performance_or_404(request, pk)
    may_record = rules.may_record_donations(request.user)
    form = DonationsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "total": performance.donations_total,
            "partner": performance.donations_partner_id,
        },
    )
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        if form.is_valid():
            services.performance_donations_record(
                performance_id=performance.pk,
                total=form.cleaned_data["total"],
                partner=form.cleaned_data["partner"],
                actor=request.user,
            )
            messages.success(request, _("The donations are recorded."))
            return redirect("register:figures", pk=performance.pk)
    context = {
        "performance": performance,
        "figures": selectors.door_figures(performance),
        "form": form if may_record else None,
    }
    return not_indexed(render(request, "attendance/figures.html", context))
