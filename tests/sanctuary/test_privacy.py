"""The privacy page says plainly what we ask, what we never ask, who sees it, how long we keep
it (with the numbers the settings give) and how to have it removed."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.languages import TRANSLATED

pytestmark = pytest.mark.instants


def privacy(client, code="en") -> str:
    with translation.override(code):
        url = reverse("privacy")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_privacy_page_covers_the_drop_in_and_bursaries(client, db):
    html = privacy(client)
    for words in [
        "Booking a place at the drop-in",
        "Applying for a bursary",
        "What we never ask",
        "immigration status",
        "Who sees it",
        "Volunteers at the door see only first names",
        "Bursary reviewers read applications, but not your email address or phone number",
        "Programme staff see your contact details",
        "How long we keep it",
        "Asking us to remove it",
    ]:
        assert words in html, words


def test_the_numbers_on_the_privacy_page_are_the_defaults(client, db):
    html = privacy(client)
    assert "30 days after the drop-in session" in html
    assert "24 months after we decide" in html
    assert "90 days after we send them" in html


def test_the_numbers_on_the_privacy_page_follow_the_settings(client, settings, db):
    settings.DROPIN_KEEP_DAYS = 7
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 18
    settings.OUTBOX_KEEP_DAYS = 1
    settings.EVENTS_KEEP_DAYS = 9
    settings.NETWORK_KEEP_DAYS = 12
    settings.MAILING_UNCONFIRMED_KEEP_DAYS = 3
    html = privacy(client)
    assert "7 days after the drop-in session" in html
    assert "18 months after we decide" in html
    assert "1 day after we send them" in html
    assert "tickets 9 days after the performance" in html
    assert "12 days after a network event" in html
    assert "deleted 3 days after it was given" in html
    assert "30 days" not in html
    assert "24 months" not in html


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_numbers_follow_the_settings_in_every_language(client, settings, db, code):
    settings.DROPIN_KEEP_DAYS = 11
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 13
    settings.OUTBOX_KEEP_DAYS = 17
    html = privacy(client, code)
    with translation.override(code):
        for singular, plural, number, name in [
            (
                "We delete your name, contact details and access needs %(days)s day after "
                "the drop-in session.",
                "We delete your name, contact details and access needs %(days)s days after "
                "the drop-in session.",
                11,
                "days",
            ),
            (
                "%(months)s month after we decide (or after you apply, if we never decide), "
                "we delete your name, contact details, what you wrote and our messages to you.",
                "%(months)s months after we decide (or after you apply, if we never decide), "
                "we delete your name, contact details, what you wrote and our messages to you.",
                13,
                "months",
            ),
            (
                "The emails and text messages we send forget who they went to %(days)s day "
                "after we send them.",
                "The emails and text messages we send forget who they went to %(days)s days "
                "after we send them.",
                17,
                "days",
            ),
        ]:
            sentence = translation.ngettext(singular, plural, number) % {name: number}
            assert sentence in html
            assert str(number) in sentence
            assert sentence != plural % {name: number}, "not translated"
