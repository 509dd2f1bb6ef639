from django.conf import settings
from django.utils.translation import get_language, get_language_info

from sanctuary.rules import translation_needs_review


def site(request):
    """What the base template needs on every page: the languages, each in its own name, whether
    this one's translation still waits for a fluent speaker's review, and the days left to set up
    two-step sign-in for someone who must (see sanctuary.middleware)."""
    return {
        "two_factor_days_left": getattr(request, "two_factor_days_left", None),
        "site_languages": [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
        "translation_needs_review": translation_needs_review(get_language()),
    }
