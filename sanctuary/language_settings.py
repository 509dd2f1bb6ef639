"""The languages the site speaks, how each is written, and whether a fluent speaker has
reviewed its catalog. settings.py takes them all."""

from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parent.parent

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("ps", _("Pashto")),
    ("ckb", _("Central Kurdish")),
    ("ti", _("Tigrinya")),
    ("ur", _("Urdu")),
    ("ru", _("Russian")),
    ("sq", _("Albanian")),
]
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
# Django does not know Pashto or Tigrinya yet: teach it their names and their direction.
LANG_INFO.setdefault("ps", {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"})
LANG_INFO.setdefault("ti", {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"})
# Albanian's name on its own (the language switch) takes a capital; Django's is for mid-sentence.
LANG_INFO["sq"] = {**LANG_INFO["sq"], "name_local": "Shqip"}
LANGUAGES_BIDI = ["he", "ar", "ar-dz", "ckb", "fa", "ps", "ug", "ur"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Catalogs a fluent speaker has reviewed (a fact about locale/, changed with it): none yet. Pages
# in the others invite corrections (sanctuary.rules.translation_needs_review), sent here.
TRANSLATIONS_REVIEWED: list[str] = []
TRANSLATIONS_CONTACT_EMAIL = env.str(
    "TRANSLATIONS_CONTACT_EMAIL", default="sanctuary@norwichtheatre.org"
)
# Date formats Django lacks (Pashto, Tigrinya, Urdu) or writes otherwise (Albanian's clock).
FORMAT_MODULE_PATH = ["sanctuary.formats"]
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
