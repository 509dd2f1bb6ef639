"""Two-step sign-in, required on the server for everyone who must use it; and the site's own
"not found" page in development too."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, get_resolver, get_urlconf, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from sanctuary import rules, services

# What someone whose grace period is over may still do: set up two-step sign-in (which asks
# for their password again first), sign out, and choose a language.
ALLOWED_WITHOUT_TWO_FACTOR = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "account_logout",
    "admin_logout",
    "set_language",
    "language_choose",
    "javascript_catalog",
    "health",
}


class TwoFactorRequiredMiddleware:
    """Someone who must use two-step sign-in (sanctuary.rules.must_use_two_factor) and has not
    set it up carries on for MFA_GRACE_DAYS with a banner saying how many days are left
    (`request.two_factor_days_left`); after that every page but those above sends them to
    set it up. Comes after the authentication and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not rules.must_use_two_factor(user) or is_mfa_enabled(user):
            return None
        if user.two_factor_required_since is None:
            services.user_two_factor_requirement_start(user=user)
        now = timezone.now()
        request.two_factor_days_left = rules.two_factor_days_left(user, now)
        if not rules.two_factor_grace_over(user, now):
            return None
        if request.resolver_match.url_name in ALLOWED_WITHOUT_TWO_FACTOR:
            return None
        messages.warning(
            request,
            _(
                "Set up two-step sign-in to carry on. Your team role needs it to keep "
                "people's details safe."
            ),
        )
        return redirect("mfa_activate_totp")


class SiteNotFoundMiddleware:
    """With DEBUG on (`make run`), Django answers an unknown address with its technical page,
    which lists every URL pattern: a newcomer trying the site should see what its visitors
    see. So an address that matches nothing, and a view's Http404 (a wrong private link),
    get the site's own 404 handler here, while DEBUG's other help (the 500 traceback, the
    static files) stays; the console still logs "Not Found". Production (DEBUG off) never
    reaches this: Django uses the same handler there. DEBUG_TECHNICAL_404 brings the
    technical page back. Last in MIDDLEWARE, so the language prefix and the trailing slash
    redirects still answer a 404 first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._active():
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exception:
                return self._not_found(request, exception)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if self._active() and isinstance(exception, Http404):
            return self._not_found(request, exception)
        return None

    @staticmethod
    def _active() -> bool:
        return settings.DEBUG and not settings.DEBUG_TECHNICAL_404

    @staticmethod
    def _not_found(request, exception):
        handler = get_resolver(get_urlconf()).resolve_error_handler(404)
        response = handler(request, exception)
        if hasattr(response, "render"):
            response = response.render()
        return response
