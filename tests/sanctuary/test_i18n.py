"""Every page in every UI language, right to left where the language is."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.languages import RIGHT_TO_LEFT, TRANSLATED

# The server's catalog (django.po) and the register script's (djangojs.po) in each language.
CATALOGS = sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"))


def catalog_id(path):
    return f"{path.parts[-3]}-{path.stem}"


def test_there_is_a_catalog_for_every_language_but_english():
    assert {path.parts[-3] for path in CATALOGS} == set(TRANSLATED)
    assert {path.name for path in CATALOGS} == {"django.po", "djangojs.po"}
    assert len(CATALOGS) == 2 * len(TRANSLATED) == 18


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_every_string_is_translated_and_none_is_fuzzy(path):
    catalog = polib.pofile(str(path))
    assert [entry.msgid for entry in catalog.untranslated_entries()] == []
    assert [entry.msgid for entry in catalog.fuzzy_entries()] == []
    assert "fuzzy" not in catalog.metadata_as_entry().flags


@pytest.mark.gettext
@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_gettext_accepts_every_catalog(path):
    """msgfmt's own checks: the header, plural forms, and that every form which stands for
    several things says how many."""
    import subprocess

    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_translations_keep_every_placeholder(path):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in polib.pofile(str(path)).translated_entries():
        wanted = set(placeholder.findall(entry.msgid))
        if not entry.msgid_plural:
            found = set(placeholder.findall(entry.msgstr))
            assert found == wanted, f"{entry.msgid!r} -> {entry.msgstr!r}"
            continue
        # A plural form may name the number or not ("your place" / "your 3 places"), but
        # keeps every other placeholder and adds none.
        allowed = wanted | set(placeholder.findall(entry.msgid_plural))
        for text in entry.msgstr_plural.values():
            found = set(placeholder.findall(text))
            assert found <= allowed, f"{entry.msgid_plural!r} -> {text!r}"
            assert wanted - {"%(count)s", "%(count)d"} <= found, f"{entry.msgid!r} -> {text!r}"


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
        ("ckb", "کوردی"),
        ("ti", "ትግርኛ"),
        ("ur", "اردو"),
        ("ru", "Русский"),
        ("sq", "Shqip"),
    ]:
        link = f'<a href="/i18n/choose/{code}/?next=/en/" lang="{code}" hreflang="{code}"'
        assert link in html
        assert f">{name}</a>" in html
    # A link, not the form: the page carries no CSRF token and is the same for every visitor.
    assert "csrfmiddlewaretoken" not in html


def test_the_signed_in_pages_keep_the_language_form(client, venues):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    html = client.get("/en/privacy/").content.decode()
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


@pytest.mark.parametrize("unsafe", ["https://elsewhere.example/en/", "//elsewhere.example/"])
def test_a_language_link_never_leaves_the_site(client, db, unsafe):
    response = client.get(reverse("language_choose", args=["uk"]), {"next": unsafe})
    assert response.url == "/"
    assert client.get("/").url == "/uk/"


def test_a_language_link_for_no_such_language_is_not_found(client, db):
    assert client.get("/i18n/choose/xx/?next=/en/").status_code == 404


def test_a_language_link_brings_the_same_page_back_in_it_and_is_remembered(client, venues):
    response = client.get(
        reverse("language_choose", args=["ckb"]),
        {"next": "/en/venues/playhouse/"},
        HTTP_ACCEPT_LANGUAGE="fa",
    )
    assert response.status_code == 302
    assert response.url == "/ckb/venues/playhouse/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ckb"
    assert client.get("/").url == "/ckb/"


def test_a_venue_falls_back_to_english_where_it_has_no_translation(client, venues):
    from venues.models import Venue

    Venue.objects.filter(slug="playhouse").update(name_ps=None, description_ps=None)
    html = client.get("/ps/venues/playhouse/").content.decode()
    assert "Playhouse" in html
    assert "A smaller theatre by the river" in html


def test_the_borrowed_strings_are_still_djangos_and_allauths():
    import django
    from allauth import account

    from sanctuary import core_strings

    sources = ""
    for package in (Path(django.__file__).parent, Path(account.__file__).parent):
        for module in (
            "forms/fields.py",
            "core/validators.py",
            "contrib/auth/password_validation.py",
            "contrib/auth/models.py",
            "forms.py",
            "utils/dates.py",
        ):
            if (package / module).exists():
                sources += (package / module).read_text()
    with translation.override("en"):
        borrowed = [
            *core_strings.FORM_ERRORS,
            str(core_strings.PASSWORD_TOO_SHORT),
            *core_strings.MONTHS,
            *(str(month) for month in core_strings.MONTHS_AFTER_A_DAY),
        ]
    for text in borrowed:
        assert f'"{text}"' in sources, text


def test_form_errors_are_in_pashto_too(client, db):
    response = client.post("/ps/accounts/login/", {"login": "", "password": ""})
    html = response.content.decode()
    assert "This field is required." not in html
    with translation.override("ps"):
        assert translation.gettext("This field is required.") in html


@pytest.mark.gettext
def test_the_catalogs_cover_every_string_in_the_source(tmp_path):
    """Extract the strings afresh, in a copy of the project, and find none untranslated."""
    import os
    import shutil
    import subprocess
    import sys

    root = Path(settings.BASE_DIR)
    apps = [name for name in settings.INSTALLED_APPS if (root / name).is_dir()]
    for name in ["manage.py", *apps, "templates", "static", "locale"]:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sanctuary.settings",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    languages = [arg for path in CATALOGS for arg in ("-l", path.parts[-3])]
    for domain in ["django", "djangojs"]:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                *languages,
                "--no-location",
                "-d",
                domain,
            ],
            cwd=tmp_path,
            env=environment,
            check=True,
            capture_output=True,
            timeout=120,
        )
    for path in sorted(tmp_path.glob("locale/*/LC_MESSAGES/*.po")):
        catalog = polib.pofile(str(path))
        missing = [
            entry.msgid for entry in catalog.untranslated_entries() + catalog.fuzzy_entries()
        ]
        assert missing == [], f"{path.parts[-3]}: run `make messages` and translate {missing}"


def test_dates_are_written_in_every_language_pashto_too():
    from datetime import date

    from django.utils.formats import date_format

    day = date(2027, 3, 1)
    written = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            written[code] = date_format(day, "DATE_FORMAT")
    assert written["en"] == "March 1, 2027"
    assert "March" not in written["ps"] and "Mar." not in written["ps"]
    with translation.override("ps"):
        assert written["ps"] == f"1 {translation.gettext('March')} 2027"


@pytest.mark.parametrize("code", ["ti", "ur"])
def test_languages_django_has_no_formats_for_write_day_month_year(code):
    from datetime import date

    from django.utils.formats import date_format

    with translation.override(code):
        written = date_format(date(2027, 3, 1), "DATE_FORMAT")
        assert written == f"1 {translation.gettext('March')} 2027"


def test_albanian_times_are_on_the_24_hour_clock():
    from datetime import datetime

    from django.utils.formats import date_format, time_format

    with translation.override("sq"):
        assert time_format(datetime(2027, 3, 1, 14, 30), "TIME_FORMAT") == "14:30"
        assert date_format(datetime(2027, 3, 1), "SHORT_DATE_FORMAT") == "01.03.2027"


def test_russian_dates_put_the_month_after_the_day_in_its_own_form():
    from datetime import date

    from django.utils.formats import date_format

    with translation.override("ru"):
        assert date_format(date(2027, 3, 1), "DATE_FORMAT") == "1 марта 2027 г."


def test_the_server_error_page_says_sorry_in_every_language_in_its_direction():
    """500.html is plain HTML (it must render when nothing else does), so it holds each
    language's words itself."""
    html = Path(settings.BASE_DIR, "templates/500.html").read_text()
    for code in TRANSLATED:
        direction = ' dir="rtl"' if code in RIGHT_TO_LEFT else ""
        assert f'<p lang="{code}"{direction}>' in html, code
