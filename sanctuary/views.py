import asyncio

from allauth.account.views import LogoutView
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language_info
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from health_check.views import HealthCheckView

from sanctuary import selectors
from sanctuary.health import readiness_checks
from sanctuary.rules import translation_needs_review


def bench_bare(request):
    """A view that does nothing, served only to the benchmark (settings.BENCH_BARE_VIEW): what
    the same gunicorn and middleware manage with no page behind them."""
    return HttpResponse("ok", content_type="text/plain")


def privacy(request):
    """What we ask, who sees it and how long we keep it, with the numbers the settings give."""
    return render(
        request,
        "sanctuary/privacy.html",
        {
            "dropin_keep_days": settings.DROPIN_KEEP_DAYS,
            "bursary_keep_months": settings.BURSARY_ANONYMISE_AFTER_MONTHS,
            "outbox_keep_days": settings.OUTBOX_KEEP_DAYS,
            "events_keep_days": settings.EVENTS_KEEP_DAYS,
            "network_keep_days": settings.NETWORK_KEEP_DAYS,
            "mailing_unconfirmed_days": settings.MAILING_UNCONFIRMED_KEEP_DAYS,
        },
    )


def translations(request):
    """How to tell us about a mistake in a translation, and which have been reviewed."""
    languages = [
        (code, get_language_info(code)["name_local"])
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]
    return render(
        request,
        "sanctuary/translations.html",
        {
            "reviewed": [lang for lang in languages if not translation_needs_review(lang[0])],
            "not_reviewed": [lang for lang in languages if translation_needs_review(lang[0])],
            "contact_email": settings.TRANSLATIONS_CONTACT_EMAIL,
        },
    )


@login_required
def team_home(request):
    """Where a team member lands after signing in: what their roles let them do.

    Volunteers (who have no admin) go straight to today's drop-ins at their venues, partner
    workers to their portal."""
    if request.user.has_perm("attendance.take_attendance") and not request.user.is_staff:
        return redirect("register:today")
    # Partner workers (no admin either) go to their organisation's portal.
    if request.user.has_perm("partners.use_portal") and not request.user.is_staff:
        return redirect("portal:home")
    return render(
        request, "sanctuary/team_home.html", {"roles": selectors.user_roles(user=request.user)}
    )


@require_GET
@never_cache
def health(request):
    """Liveness, for the load balancer: this process answers. It asks nothing else, so a
    database or Redis outage never has every process restarted or taken out at once."""
    return HttpResponse("ok", content_type="text/plain")


class ReadinessView(HealthCheckView):
    """Readiness, for an uptime monitor and deploys: 200 when every part answers, 503 naming
    what is missing. Never cached (the parent view says so)."""

    http_method_names = ["get"]

    async def get(self, request, *args, **kwargs):
        checks, skipped = readiness_checks()
        with self.get_executor() as executor:
            results = await asyncio.gather(*(check.get_result(executor) for check in checks))
        problems = {result.check.name: str(result.error) for result in results if result.error}
        return JsonResponse(
            {
                "ready": not problems,
                "checks": {
                    result.check.name: problems.get(result.check.name, "ok") for result in results
                },
                "skipped": skipped,
            },
            status=503 if problems else 200,
        )


readiness = ReadinessView.as_view()


def favicon(request):
    """Browsers ask for /favicon.ico on every site, the admin's pages included."""
    return HttpResponsePermanentRedirect(static("icons/favicon.svg"))


def not_here(request, *args, **kwargs):
    """For allauth pages this site does not offer (a team member's email is set by staff)."""
    raise Http404


def csrf_failure(request, reason=""):
    """A form sent without its security token (an old page, cookies cleared on a shared
    phone): say so kindly, in the page's language, with the usual navigation."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    """An address or a form we cannot read (a filter for a list that does not exist, a
    character that cannot be kept): a 400 that says so, with the usual navigation."""
    return render(request, "400.html", status=400)


ROBOTS = """User-agent: *
Disallow: /*/accounts/
Disallow: /*/admin/
Disallow: /*/team/
Disallow: /*/drop-in/booked/
Disallow: /*/drop-in/booking/
"""


@require_GET
def robots(request):
    """Search engines may list the public pages, never the sign-in, team or admin pages."""
    return HttpResponse(ROBOTS, content_type="text/plain")


class SignOutView(LogoutView):
    """allauth's sign-out, which also tells the browser to forget what it keeps for this site:
    the register's copies for reading offline and its queue of taps. A tablet at the door is
    shared, and the next person to pick it up must not find the last session's names on it."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


sign_out = SignOutView.as_view()
