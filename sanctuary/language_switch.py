"""The language switch at the top of every page: a plain form, or plain links, no JavaScript."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from django.views.i18n import set_language


def _in_its_own_language(next_url: str):
    """Where `next` is read in the language of its own path (its prefix), else the current one."""
    page_language = translation.get_language_from_path(urlsplit(next_url).path)
    return translation.override(page_language or translation.get_language())


def language_set(request):
    """Django's set_language, which sends the visitor back to the page they were on (`next`)
    in the chosen language. It finds that page by reading `next` in the language the request
    arrives in (the cookie's or the browser's), so a page in any other language was never found
    and came back unchanged: a private link opened from a message in the booking's language,
    say, by someone whose browser prefers English. `next` is read here in its own language."""
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    with _in_its_own_language(next_url):
        return set_language(request)


@require_GET
def language_choose(request, code: str):
    """The language links of the public pages that are the same for everyone (a link, not the
    form: the form's CSRF token would make each of those pages the visitor's own). Remembers the
    choice in the language cookie, as the form does, and sends the visitor back to the page
    they were on (`next`), in that language."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    with _in_its_own_language(next_url):
        target = translate_url(next_url, code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
