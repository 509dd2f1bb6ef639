"""A language whose catalog no fluent speaker has reviewed yet invites corrections, in its own
words, on every page; one page, in every language, says how to send them."""

import pytest
from django.conf import settings
from django.utils import translation

from sanctuary.rules import translation_needs_review
from tests.languages import LANGUAGES, TRANSLATED

NOTE = "This translation has not yet been checked by a fluent speaker."

pytestmark = pytest.mark.django_db


def test_no_catalog_has_been_reviewed_by_a_fluent_speaker_yet():
    assert settings.TRANSLATIONS_REVIEWED == []
    assert [code for code in LANGUAGES if translation_needs_review(code)] == TRANSLATED


def test_english_is_the_source_and_never_needs_review():
    assert not translation_needs_review("en")


def test_a_language_marked_reviewed_no_longer_needs_it(settings):
    settings.TRANSLATIONS_REVIEWED = ["uk"]
    assert not translation_needs_review("uk")
    assert translation_needs_review("ru")


@pytest.mark.parametrize("code", ["uk", "ar", "ru"])
def test_a_page_in_an_unreviewed_language_invites_corrections_in_that_language(client, code):
    html = client.get(f"/{code}/").content.decode()
    with translation.override(code):
        note = translation.gettext(NOTE)
        link = translation.gettext("Help us correct it")
    assert note != NOTE
    assert f'<p class="translation-note">{note} <a href="/{code}/translations/">{link}</a></p>' in (
        html
    )


def test_an_english_page_has_no_such_note(client):
    html = client.get("/en/").content.decode()
    assert "translation-note" not in html


def test_a_reviewed_language_has_no_note(client, settings):
    settings.TRANSLATIONS_REVIEWED = ["ru"]
    assert "translation-note" not in client.get("/ru/").content.decode()
    assert "translation-note" in client.get("/uk/").content.decode()


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_page_on_corrections_is_public_in_every_language(client, code):
    response = client.get(f"/{code}/translations/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{code}"' in html
    assert settings.TRANSLATIONS_CONTACT_EMAIL in html


def test_the_page_names_the_languages_reviewed_and_not_and_the_address_to_write_to(
    client, settings
):
    settings.TRANSLATIONS_REVIEWED = ["uk"]
    settings.TRANSLATIONS_CONTACT_EMAIL = "words@example.org"
    html = client.get("/en/translations/").content.decode()
    content = html.split("<h2>Checked by a fluent speaker</h2>")[1]
    checked, unchecked = content.split("<h2>Not yet checked</h2>")
    assert '<li lang="uk">Українська</li>' in checked
    assert '<li lang="ru">Русский</li>' in unchecked and "Русский" not in checked
    assert '<li lang="en">' not in content
    assert '<bdi class="ltr">words@example.org</bdi>' in html
    assert (
        'href="mailto:words@example.org?subject=A%20correction%20to%20a%20translation%20%28en%29"'
        in (html)
    )
