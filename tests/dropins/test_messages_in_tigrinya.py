"""A booking made in Tigrinya with only a mobile number: its confirmation goes by text, in
Tigrinya, with the session's date in Tigrinya, a short link to the booking's Tigrinya page and the
catalog's Tigrinya words."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from dropins.models import LONDON
from sanctuary import sms
from sanctuary.models import OutgoingMessage, SmsLink
from tests.dropins.conftest import book

# The text templates/messages/dropin_booking_confirmed/sms.txt sends for a single booking.
CONFIRMED = "Booked: %(when)s. Ref %(reference)s. Change or cancel: %(manage_url)s"


@pytest.fixture
def booked_in_tigrinya(session, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session, phone="+447911123456", language="ti")
    return booking


def _when_in_tigrinya(booking) -> str:
    with translation.override("ti"):
        return date_format(timezone.localtime(booking.session.starts_at, LONDON), "j E, H:i")


def _short_link_to_manage_page(booking) -> str:
    link = SmsLink.objects.get(path=f"/ti/drop-in/booking/{booking.token}/")
    return settings.SITE_URL + reverse("sms_link", kwargs={"code": link.code})


def test_the_text_is_the_bookings_and_in_its_language(booked_in_tigrinya, client):
    booking = booked_in_tigrinya
    message = OutgoingMessage.objects.get()
    assert (message.channel, message.language, message.status) == ("sms", "ti", "sent")
    assert len(sms.outbox) == 1
    body = sms.outbox[0]["body"]
    assert sms.outbox[0]["to"] == "+447911123456"
    assert booking.reference in body
    assert _when_in_tigrinya(booking) in body  # the month's Tigrinya name
    # Its link is a short one, to the booking's page in Tigrinya.
    short_link = _short_link_to_manage_page(booking)
    assert short_link in body
    response = client.get(short_link.removeprefix(settings.SITE_URL))
    assert response.status_code == 302
    assert response["Location"] == f"/ti/drop-in/booking/{booking.token}/"


def test_the_text_says_it_in_tigrinyas_own_words_from_the_catalog(booked_in_tigrinya):
    """The Tigrinya catalog's sentence for the confirmation, as a translator wrote it."""
    booking = booked_in_tigrinya
    catalog = polib.pofile(str(Path(settings.BASE_DIR, "locale/ti/LC_MESSAGES/django.po")))
    entry = catalog.find(CONFIRMED)
    assert entry is not None and entry.msgstr, "locale/ti translates the booking confirmation"
    assert entry.msgstr != entry.msgid and "fuzzy" not in entry.flags
    expected = entry.msgstr % {
        "when": _when_in_tigrinya(booking),
        "reference": booking.reference,
        "manage_url": _short_link_to_manage_page(booking),
    }
    assert sms.outbox[0]["body"] == expected
