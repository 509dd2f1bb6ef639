"""Every language's script is drawn with a real font in Chromium, from the fonts the machine
has (Debian's fonts-noto-core; the site sends no web fonts), never as empty boxes.

Chromium names the platform fonts it drew an element's text with (DevTools' CSS.
getPlatformFontsForNode); fontconfig, which Chromium asks for fonts on Linux, says whether those
fonts hold every character of the text. A character no font holds is drawn as an empty box by
the first font, which is named all the same: hence the second check."""

import subprocess

import pytest
from django.utils.translation import get_language_info
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.languages import LANGUAGES
from venues.models import Venue

# The font a language's own script must come from, where it is not the Latin or Cyrillic one:
# Tigrinya's Ge'ez from an Ethiopic font, Urdu in Nastaliq, the other Arabic-script languages
# from an Arabic font.
SCRIPT_FONT = {
    "ti": "Ethiopic",
    "ur": "Nastaliq",
    "ar": "Arabic",
    "fa": "Arabic",
    "ps": "Arabic",
    "ckb": "Arabic",
}


def font_holds(family: str, character: str) -> bool:
    """fontconfig: does a font of `family` on this machine hold `character`?"""
    pattern = f"{family}:charset={ord(character):x}"
    found = subprocess.run(
        ["fc-list", pattern, "family"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return bool(found.stdout.strip())


def fonts_drawing(page, selector: str) -> list[dict]:
    """The platform fonts Chromium drew the text of the first element `selector` names with."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    return fonts


def characters_without_a_font(text: str, families: list[str]) -> list[str]:
    return sorted(
        {
            character
            for character in text
            if not character.isspace()
            and not any(font_holds(family, character) for family in families)
        }
    )


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_in_each_language_is_drawn_in_real_fonts(live_server, phone, language):
    # The demo venue's description, written in the language itself (not the catalog's words,
    # so that the check holds for a language whose catalog is still being translated).
    description = Venue.objects.get(slug="theatre-royal").description_en
    written = getattr(Venue.objects.get(slug="theatre-royal"), f"description_{language}")
    assert written and (written != description or language == "en")

    phone.goto(f"{live_server.url}/{language}/venues/theatre-royal/")
    lead = phone.locator(".lead")
    expect(lead).to_have_text(written)

    fonts = fonts_drawing(phone, ".lead")
    families = [font["familyName"] for font in fonts]
    assert fonts and not any(font["isCustomFont"] for font in fonts), fonts
    assert characters_without_a_font(written, families) == [], families
    if language in SCRIPT_FONT:
        assert any(SCRIPT_FONT[language] in family for family in families), families


def test_urdu_letters_are_drawn_in_nastaliq_and_its_latin_in_the_system_font(live_server, phone):
    phone.goto(f"{live_server.url}/ur/venues/theatre-royal/")
    expect(phone.locator("h1")).to_have_text("تھیٹر رائل")
    fonts = {font["familyName"]: font["glyphCount"] for font in fonts_drawing(phone, "h1")}
    # Every letter from the Nastaliq font (the space may come from another).
    assert fonts.get("Noto Nastaliq Urdu", 0) >= len("تھیٹررائل"), fonts
    # The postcode, a Latin line inside the Urdu page, keeps the system font.
    postcode = {font["familyName"] for font in fonts_drawing(phone, ".address bdi:last-of-type")}
    assert postcode and "Noto Nastaliq Urdu" not in postcode, postcode


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_is_named_in_its_own_script_and_drawn_in_real_fonts(
    live_server, phone, language
):
    name = get_language_info(language)["name_local"]
    phone.goto(f"{live_server.url}/en/")
    link = phone.locator(f'.language-form a[hreflang="{language}"]')
    expect(link).to_have_text(name)
    expect(link).to_have_attribute("lang", language)

    fonts = fonts_drawing(phone, f'.language-form a[hreflang="{language}"]')
    families = [font["familyName"] for font in fonts]
    assert characters_without_a_font(name, families) == [], families
    if language in SCRIPT_FONT:
        assert any(SCRIPT_FONT[language] in family for family in families), families
