"""The language switch at the top of every page: a plain form, no JavaScript."""

from urllib.parse import urlsplit

from django.utils import translation
from django.views.i18n import set_language


def language_set(request):
    """Django's set_language, which sends the visitor back to the page they were on (`next`)
    in the chosen language. It finds that page by reading `next` in the language the request
    arrives in (the cookie's or the browser's), so a page in any other language was never found
    and came back unchanged: a private link opened from a message in the booking's language,
    say, by someone whose browser prefers English. `next` is read here in its own language."""
    next_url = request.POST.get("next", request.GET.get("next")) or ""
    page_language = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(page_language or translation.get_language()):
        return set_language(request)
