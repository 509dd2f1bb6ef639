"""What Django and allauth show here is translated in every UI language: by their own catalog
where it has the string, otherwise by ours (LOCALE_PATHS comes first, so it fills the gaps).
What "shown" covers is written at the top of tests/sanctuary/library_catalog.py."""

import json
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD
from tests.sanctuary import library_catalog
from tests.sanctuary.helpers import sign_in

UI_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
SIGNED_IN = "Successfully signed in as %(name)s."


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    return library_catalog.extract(tmp_path_factory.mktemp("libraries"))


def described(missing):
    return [
        f"{domain}: {entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid}"
        for domain, entry in missing
    ]


@pytest.mark.gettext
def test_the_scope_holds_the_sign_in_notice_the_admin_and_two_step_sign_in(shown):
    msgids = {entry.msgid for entry in shown["django"]}
    assert {SIGNED_IN, "Save and continue editing", "Authenticator code"} <= msgids
    assert "Today" in {entry.msgid for entry in shown["djangojs"]}
    # Our own sign-in page stands in for allauth's, so its words are not counted here.
    assert "Forgot your password?" not in msgids


@pytest.mark.gettext
@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_string_the_libraries_show_is_translated(shown, language):
    missing = library_catalog.missing(shown, language)
    assert described(missing) == [], (
        f"add these to the end of locale/{language}/LC_MESSAGES/<domain>.po, translated"
    )


@pytest.mark.gettext
def test_the_check_fails_when_our_catalog_loses_a_translation(shown, tmp_path):
    shutil.copytree(Path(settings.BASE_DIR, "locale"), tmp_path / "locale")
    path = tmp_path / "locale/ps/LC_MESSAGES/django.po"
    catalog = polib.pofile(str(path))
    catalog.remove(catalog.find(SIGNED_IN))
    catalog.save_as_mofile(str(path.with_suffix(".mo")))
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        missing = library_catalog.missing(shown, "ps")
    assert described(missing) == [f"django: {SIGNED_IN}"]


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_the_signed_in_notice_is_in_the_volunteers_language(client, volunteer, language):
    with translation.override(language):
        response = sign_in(client, volunteer.email, PASSWORD)
        assert response.url == reverse("team_home")
        expected = translation.gettext(SIGNED_IN) % {"name": volunteer}
    html = client.get(response.url, follow=True).content.decode()
    assert "Successfully signed in" not in html
    assert expected != SIGNED_IN % {"name": volunteer}
    assert expected in html


def test_the_admin_speaks_pashto_to_staff(client, programme_staff):
    client.force_login(programme_staff)
    html = client.get("/ps/admin/dropins/booking/").content.decode()
    with translation.override("ps"):
        for text in ["Filter", "Search", "Log out"]:
            assert f">{text}<" not in html
            assert translation.gettext(text) in html


def test_the_admins_date_widget_speaks_pashto(client, programme_staff):
    client.force_login(programme_staff)
    script = client.get("/ps/admin/jsi18n/").content.decode()
    ours = polib.pofile(str(Path(settings.BASE_DIR, "locale/ps/LC_MESSAGES/djangojs.po")))
    for text in ["Today", "Tomorrow", "Choose a Date"]:
        translated = ours.find(text).msgstr
        assert translated not in {"", text}
        assert f"{json.dumps(text)}: {json.dumps(translated)}" in script


def test_two_step_sign_in_speaks_pashto(client, programme_staff):
    client.force_login(programme_staff)
    html = client.get("/ps/accounts/2fa/").content.decode()
    with translation.override("ps"):
        for text in ["Authenticator App", "An authenticator app is not active.", "Activate"]:
            assert text not in html
            assert translation.gettext(text) in html


def test_refreshing_the_catalogs_keeps_the_libraries_words_and_drops_only_ours(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "keep_library_strings", Path(settings.BASE_DIR, "scripts/keep_library_strings.py")
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    path = tmp_path / "django.po"
    # As makemessages leaves a catalog: what it found nowhere in our source is obsolete.
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Welcome."\nmsgstr "ښه راغلاست."\n\n'
        '#, python-format\n#~ msgid "Successfully signed in as %(name)s."\n'
        '#~ msgstr "تاسو په بريا سره د %(name)s په توګه ننوتلئ."\n\n'
        '#~ msgid "A string we no longer use"\n#~ msgstr "هغه متن چې نور يې نه کاروو"\n',
        encoding="utf-8",
    )
    assert script.restore(path, {("", SIGNED_IN)}) == 1
    catalog = polib.pofile(str(path))
    assert catalog.find(SIGNED_IN).msgstr == "تاسو په بريا سره د %(name)s په توګه ننوتلئ."
    assert "python-format" in catalog.find(SIGNED_IN).flags
    assert [entry.msgid for entry in catalog.obsolete_entries()] == ["A string we no longer use"]
