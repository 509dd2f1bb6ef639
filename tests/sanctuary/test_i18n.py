"""Every page in every UI language, right to left where the language is."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

RIGHT_TO_LEFT = {"ar", "fa", "ps"}
CATALOGS = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_there_is_a_catalog_for_every_language_but_english():
    assert {path.parts[-3] for path in CATALOGS} == {"uk", "ar", "fa", "ps"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parts[-3])
def test_every_string_is_translated_and_none_is_fuzzy(path):
    catalog = polib.pofile(str(path))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert "fuzzy" not in catalog.metadata_as_entry().flags


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parts[-3])
def test_translations_keep_every_placeholder(path):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in polib.pofile(str(path)).translated_entries():
        wanted = sorted(placeholder.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            found = sorted(set(placeholder.findall(text)))
            assert found == sorted(set(wanted)), f"{entry.msgid!r} -> {text!r}"


@pytest.mark.parametrize(("code", "_name"), settings.LANGUAGES)
@pytest.mark.parametrize("page", ["home", "privacy", "venues:list", "account_login"])
def test_every_page_says_its_language_and_direction(client, venues, code, _name, page):
    with translation.override(code):
        url = reverse(page)
    html = client.get(url).content.decode()
    direction = "rtl" if code in RIGHT_TO_LEFT else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html


@pytest.mark.parametrize(
    ("code", "_name"), [lang for lang in settings.LANGUAGES if lang[0] != "en"]
)
def test_the_home_page_is_translated(client, venues, code, _name):
    html = client.get(f"/{code}/").content.decode()
    assert "Welcome. You are safe here." not in html
    with translation.override(code):
        assert translation.gettext("Welcome. You are safe here.") in html


def test_the_language_switcher_lists_each_language_in_its_own_name(client, db):
    html = client.get("/en/").content.decode()
    for code, name in [
        ("en", "English"),
        ("uk", "Українська"),
        ("ar", "العربيّة"),
        ("fa", "فارسی"),
        ("ps", "پښتو"),
    ]:
        assert f'value="{code}" lang="{code}"' in html
        assert f">{name}</button>" in html
    assert '<form class="wrap language-form" action="/i18n/setlang/" method="post">' in html


def test_choosing_a_language_takes_you_to_the_same_page_in_it_and_is_remembered(client, venues):
    response = client.post(
        reverse("set_language"), {"language": "ar", "next": "/en/venues/playhouse/"}
    )
    assert response.status_code == 302
    assert response.url == "/ar/venues/playhouse/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    # Next visit to the bare address goes straight to Arabic.
    assert client.get("/").url == "/ar/"


def test_a_venue_falls_back_to_english_where_it_has_no_translation(client, venues):
    from venues.models import Venue

    Venue.objects.filter(slug="playhouse").update(name_ps=None, description_ps=None)
    html = client.get("/ps/venues/playhouse/").content.decode()
    assert "Playhouse" in html
    assert "A smaller theatre by the river" in html
