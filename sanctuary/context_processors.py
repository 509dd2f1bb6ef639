from django.conf import settings
from django.utils.translation import get_language_info


def site(request):
    """What the base template needs on every page: the languages, each in its own name, and
    the days left to set up two-step sign-in for someone who must (see sanctuary.middleware)."""
    return {
        "two_factor_days_left": getattr(request, "two_factor_days_left", None),
        "site_languages": [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ],
    }
