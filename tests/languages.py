"""The site's languages as the settings give them, for tests that go through each: a test
follows when a language is added, instead of listing the codes again."""

from django.conf import settings
from django.utils.translation import get_language_info

LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATED = [code for code in LANGUAGES if code != settings.LANGUAGE_CODE]
RIGHT_TO_LEFT = [code for code in LANGUAGES if get_language_info(code)["bidi"]]
LEFT_TO_RIGHT = [code for code in LANGUAGES if code not in RIGHT_TO_LEFT]
