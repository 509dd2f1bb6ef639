"""The register at the door: volunteers' tablets check people in, add walk-ins and close it.

Works as plain forms without JavaScript. With it (static/js/register.js) taps are applied at
once on the page, queued in the browser when the Wi-Fi drops, and sent in order when it is
back; the page asks every few seconds what other tablets did.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from attendance import inputs, rules, selectors, services
from attendance.models import RegisterAction
from attendance.services import RegisterTap, TapResult
from dropins.models import LONDON
from dropins.views import not_indexed
from sanctuary.text import isolate


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def attendance_required(view):
    """Signed in with the right to take attendance. A tablet whose sign-in has run out gets a
    JSON answer it can act on (keep its queue, ask to sign in) rather than the sign-in page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if _wants_json(request):
                return JsonResponse(
                    {"error": "signed_out", "message": _("Sign in again to send what is waiting.")},
                    status=401,
                )
            # After signing in, a form's tap cannot be sent again: go back to the register.
            next_path = (
                request.get_full_path()
                if request.method == "GET"
                else _register_path(request, kwargs)
            )
            return redirect_to_login(next_path)
        if not rules.may_take_attendance(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def json_methods(*methods):
    """Like require_http_methods, for the script's endpoints: its answer is JSON it can read."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                response = JsonResponse(
                    {"error": "method_not_allowed", "message": inputs.UNREADABLE}, status=405
                )
                response["Allow"] = ", ".join(methods)
                return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _register_path(request, kwargs) -> str:
    if "pk" not in kwargs:
        return reverse("register:today")
    match = request.resolver_match
    name = "door" if match and match.url_name.startswith("door") else "session"
    return reverse(f"register:{name}", kwargs={"pk": kwargs["pk"]})


def _content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _session_or_404(request, pk):
    session = selectors.register_session_get(user=request.user, pk=pk)
    if session is None:
        raise Http404
    return session


@require_GET
def worker(request):
    """The service worker that keeps the register readable offline (no data in it)."""
    with open(finders.find("js/register-worker.js"), "rb") as script:
        response = HttpResponse(script.read(), content_type="text/javascript")
    # Browsers look for a new version at least daily; this asks them to check every time.
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@never_cache
@attendance_required
def today(request):
    return not_indexed(
        render(
            request,
            "attendance/today.html",
            {
                "sessions": selectors.register_sessions_today(user=request.user),
                "performances": selectors.door_performances_today(user=request.user),
                "has_a_venue": rules.has_a_venue(request.user),
            },
        )
    )


@require_GET
@never_cache
@attendance_required
def register(request, pk):
    session = _session_or_404(request, pk)
    search = inputs.text(request.GET.get("q"), 60)
    # Where the page's picture starts, read before the picture: a tap made in between is
    # then sent again by the first poll rather than missed.
    cursor = selectors.register_cursor(session)
    context = {
        "session": session,
        "search": search,
        "bookings": selectors.register_bookings(session, search=search),
        "walk_ins": selectors.register_walk_ins(session),
        "totals": selectors.register_totals(session),
        "cursor": cursor,
        "attendance": selectors.register_attendance(session),
        # Each form's one-time key, new with every page: its taps' ids are made from it
        # (see inputs.form_tap).
        "register_key": inputs.form_key_new(),
        "walk_in_key": inputs.form_key_new(),
    }
    return not_indexed(render(request, "attendance/register.html", context))


@require_http_methods(["GET", "POST"])
@attendance_required
def tap(request, pk):
    """A tap from the page without JavaScript: apply it, say what happened, show the register.
    Opened rather than sent (a bookmark, the history), it is the register."""
    session = _session_or_404(request, pk)
    if request.method == "GET":
        return redirect("register:session", pk=session.pk)
    try:
        one = inputs.form_tap(request.POST)
    except inputs.BadInput as error:
        messages.error(request, error.message)
    else:
        result = services.register_apply(
            session_id=session.pk, tap=one, actor=request.user, station="web"
        )
        level = messages.SUCCESS if result.applied and not result.repeat else messages.WARNING
        messages.add_message(request, level, tap_message(result, one))
    return redirect("register:session", pk=session.pk)


def tap_message(result: TapResult, one: RegisterTap) -> str:
    """What a volunteer is told about a tap, in their language."""
    check_in = result.check_in
    # The kind the server applied: a tap sent again is answered as it was the first time.
    kind = result.kind
    if result.outcome == RegisterAction.Outcome.REFUSED:
        return str(RegisterAction.Reason(result.reason).label)
    if result.repeat and result.outcome == RegisterAction.Outcome.APPLIED:
        # Sent before and done then: this time nothing was, and the volunteer is told so.
        time = date_format(timezone.localtime(result.recorded_at, LONDON), "H:i")
        if kind == RegisterAction.Kind.WALK_IN:
            return _(
                "This walk-in was already added at %(time)s, so nothing was changed. "
                "If it is someone else, add them again."
            ) % {"time": time}
        return _("That was already recorded at %(time)s, so nothing was changed.") % {"time": time}
    if result.outcome == RegisterAction.Outcome.ALREADY and kind == RegisterAction.Kind.UNDO:
        return _("That check-in was already undone.")
    if result.outcome == RegisterAction.Outcome.ALREADY:
        return _("%(name)s: already checked in at %(time)s by %(volunteer)s.") % {
            "name": isolate(check_in.party_name) if not check_in.is_walk_in else _("Walk-in"),
            "time": date_format(timezone.localtime(check_in.arrived_at, LONDON), "H:i"),
            "volunteer": volunteer_name(check_in.recorded_by),
        }
    people = check_in.people if check_in else 0
    if kind == RegisterAction.Kind.UNDO:
        return _("Check-in undone.")
    if kind == RegisterAction.Kind.WALK_IN:
        return ngettext(
            "Walk-in added: %(count)s person.", "Walk-in added: %(count)s people.", people
        ) % {"count": people}
    if kind == RegisterAction.Kind.ADJUST:
        return ngettext(
            "Changed: %(count)s person came.", "Changed: %(count)s people came.", people
        ) % {"count": people}
    return ngettext(
        "%(name)s: %(count)s person checked in.", "%(name)s: %(count)s people checked in.", people
    ) % {
        "name": isolate(check_in.party_name) if not check_in.is_walk_in else "",
        "count": people,
    }


def volunteer_name(user) -> str:
    """How volunteers see who tapped: a first name only, never part of an email address."""
    return isolate(user.first_name if user else "") or _("a team member")


@json_methods("POST")
@never_cache
@attendance_required
def sync(request, pk):
    """Taps from the page's script, in the order they happened, each applied at most once.

    The tablet's clock may be wrong: the time a tap happened is taken relative to when the
    tablet says it sent them.
    """
    session = _session_or_404(request, pk)
    return taps_apply_response(
        request,
        lambda tap, station: services.register_apply(
            session_id=session.pk, tap=tap, actor=request.user, station=station
        ),
    )


def taps_apply_response(request, apply) -> JsonResponse:
    """Read the taps a door's script sends and answer with each one's outcome. `apply(tap,
    station)` records one tap at the door the view is for (a drop-in or a performance)."""
    try:
        station, parsed = inputs.sync_taps(
            content_type=request.content_type,
            length=_content_length(request),
            read=lambda: request.body,
        )
    except inputs.BadInput as error:
        return JsonResponse({"error": error.code, "message": error.message}, status=error.status)
    results = []
    for one in parsed:
        result = apply(one, station)
        results.append(
            {
                "id": str(one.client_id),
                "outcome": result.outcome,
                "check_in": result.check_in.pk if result.check_in else None,
                "message": tap_message(result, one),
            }
        )
    return JsonResponse({"results": results})


@json_methods("GET")
@never_cache
@attendance_required
def changes(request, pk):
    """What changed since the tablet last asked: rows to show again, and the totals."""
    session = _session_or_404(request, pk)
    try:
        cursor = inputs.changes_cursor(request.GET, now=timezone.now())
    except inputs.BadInput as error:
        return JsonResponse({"error": error.code, "message": error.message}, status=error.status)
    found = selectors.register_changes(session, cursor=cursor)
    context = {"session": session}
    rows = [
        {
            "id": f"b-{booking.pk}",
            "html": render_to_string(
                "attendance/_booking.html", {**context, "booking": booking}, request
            ),
        }
        for booking in found.parties
    ]
    rows += [
        {
            "id": f"w-{walk_in.pk}",
            "html": render_to_string(
                "attendance/_walk_in.html", {**context, "walk_in": walk_in}, request
            ),
        }
        for walk_in in found.walk_ins
    ]
    return JsonResponse(
        {
            "after": found.cursor.after,
            "since": found.cursor.since.isoformat(),
            "rows": rows,
            "gone": [f"b-{pk}" for pk in sorted(found.parties_gone)],
            "totals": render_to_string(
                "attendance/_totals.html",
                {**context, "totals": selectors.register_totals(session)},
                request,
            ),
            "closed": session.register_closed,
        }
    )


@require_http_methods(["GET", "POST"])
@never_cache
@attendance_required
def close(request, pk):
    """Close the register: a page that shows the numbers, and a button that records them."""
    session = _session_or_404(request, pk)
    if request.method == "POST":
        services.register_close(session_id=session.pk, actor=request.user)
        messages.success(request, _("The register is closed. Thank you!"))
        return redirect("register:session", pk=session.pk)
    return not_indexed(
        render(
            request,
            "attendance/close.html",
            {
                "session": session,
                "totals": selectors.register_totals(session),
                "attendance": selectors.register_attendance(session),
            },
        )
    )
