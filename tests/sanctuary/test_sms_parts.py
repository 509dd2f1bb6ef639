"""What a text costs: GSM-7 or UCS-2, and how many parts; every text the site sends fits two
parts in every language."""

import io

import pytest
from django.conf import settings
from django.test import Client

from sanctuary.models import SmsLink
from sanctuary.sms import ConsoleSmsBackend
from sanctuary.sms.costs import MAX_PARTS, render_worst_case, sms_costs, sms_templates
from sanctuary.sms.encoding import GSM_7, UCS_2, sms_parts, sms_text
from sanctuary.sms.links import sms_links_shorten
from sanctuary.sms.sending import sms_body

# Parts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "units", "parts"),
    [
        ("", GSM_7, 0, 0),
        ("a" * 160, GSM_7, 160, 1),
        ("a" * 161, GSM_7, 161, 2),
        ("a" * 306, GSM_7, 306, 2),
        ("a" * 307, GSM_7, 307, 3),
        ("€" * 80, GSM_7, 160, 1),  # the extension table counts double
        ("€" * 81, GSM_7, 162, 2),
        ("a" * 152 + "€" + "a" * 153, GSM_7, 307, 3),  # an escape is never split between parts
        ("Ça coûte £5 à Ñuñoa", UCS_2, 19, 1),  # û is not in the GSM alphabet
        ("Ça va, £5 à Ñuñoa", GSM_7, 17, 1),
        ("ж" * 70, UCS_2, 70, 1),
        ("ж" * 71, UCS_2, 71, 2),
        ("ж" * 134, UCS_2, 134, 2),
        ("ж" * 135, UCS_2, 135, 3),
        ("😀" * 35, UCS_2, 70, 1),  # outside the BMP: two UTF-16 units each
        ("ж" * 66 + "😀" + "ж" * 66, UCS_2, 134, 3),  # a surrogate pair is never split
        ("ትግርኛ", UCS_2, 4, 1),
    ],
)
def test_parts_are_counted_by_encoding(text, encoding, units, parts):
    counted = sms_parts(text)

    assert (counted.encoding, counted.units, counted.count) == (encoding, units, parts)


def test_typography_is_made_plain_when_that_keeps_a_text_gsm_7():
    text = "It\u2019s on \u201cTuesday\u201d\u00a010:30\u201312:00\u2026 \u2068Amal\u2069"

    assert sms_text(text) == 'It\'s on "Tuesday" 10:30-12:00... Amal'
    assert sms_parts(sms_text(text)).encoding == GSM_7


def test_a_text_that_is_ucs_2_anyway_keeps_its_marks():
    text = "موعدك 10:30\u201312:00 \u2068Amal\u2069"

    assert sms_text(text) == text


# Short links ------------------------------------------------------------------------------------


def test_private_links_in_a_text_become_short_links_that_lead_to_the_page(db):
    path = "/ar/drop-in/booking/" + "k" * 43 + "/"
    text = sms_links_shorten(f"Change: {settings.SITE_URL}{path}. Book: {settings.SITE_URL}/ar/")

    link = SmsLink.objects.get()
    assert text == f"Change: {settings.SITE_URL}/s/{link.code}. Book: {settings.SITE_URL}/ar/"
    assert len(link.code) == 22  # 128 random bits
    response = Client().get(f"/s/{link.code}")
    assert response.status_code == 302
    assert response["Location"] == path


def test_the_same_page_keeps_its_short_link(db):
    long_link = f"{settings.SITE_URL}/uk/events/ticket/{'t' * 43}/"

    assert sms_links_shorten(long_link) == sms_links_shorten(long_link)
    assert SmsLink.objects.count() == 1


def test_an_unknown_or_old_short_link_is_not_found(db, clock, settings):
    sms_links_shorten(f"{settings.SITE_URL}/en/bursaries/application/{'a' * 43}/")
    code = SmsLink.objects.get().code

    assert Client().get("/s/" + "x" * 22).status_code == 404
    clock.shift(60 * 60 * 24 * (settings.SMS_LINK_DAYS + 1))
    assert Client().get(f"/s/{code}").status_code == 404


# Every text, every language ---------------------------------------------------------------------


def test_every_text_template_is_counted():
    assert {"dropin_booking_confirmed", "dropin_booking_reminder", "bursary_decision"} <= set(
        sms_templates()
    )
    assert len(sms_templates()) == 15


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_text_fits_two_parts_in_every_language(db, settings, language):
    # As long as the real address: links are most of a text in a non-Latin script.
    settings.SITE_URL = "https://sanctuary.norwichtheatre.org"

    costs = sms_costs([language])

    too_long = {
        template: (parts[language].units, parts[language].encoding)
        for template, parts in costs.items()
        if parts[language].count > MAX_PARTS
    }
    assert too_long == {}


def test_english_texts_stay_gsm_7(db, settings):
    settings.SITE_URL = "https://sanctuary.norwichtheatre.org"

    encodings = {template: parts["en"].encoding for template, parts in sms_costs(["en"]).items()}

    assert set(encodings.values()) == {GSM_7}


def test_a_text_keeps_its_link_and_reference(db):
    body = sms_body(render_worst_case("dropin_booking_reminder", "ar"))

    assert "D-7KQ4TM" in body
    assert f"{settings.SITE_URL}/s/" in body


# The console --------------------------------------------------------------------------------------


def test_the_console_shows_each_texts_encoding_and_parts():
    stream = io.StringIO()
    backend = ConsoleSmsBackend(stream=stream)

    backend.send(to="+447911123456", body="ሰላም " * 20)
    backend.send(to="+447911123456", body="Hello")

    printed = stream.getvalue()
    assert "SMS to +447911123456 (UCS-2, 2 parts, 80 UTF-16 units)" in printed
    assert "SMS to +447911123456 (GSM-7, 1 part, 5 septets)" in printed
