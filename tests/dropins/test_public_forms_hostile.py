"""The public drop-in forms and the language switch, sent whatever a browser (or anything else)
can send: never a server error, and what is kept holds no control or hidden characters."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from dropins.models import Booking
from sanctuary.text import text_clean
from tests.dropins.conftest import book
from tests.dropins.helpers import booking_data, session_url

pytestmark = pytest.mark.django_db

NASTY = st.sampled_from(
    ["\x00", "\u202e", "\u2066", "\u200f", "\u200b", "\ufeff", "\r\n", "\t", "\x1b", "\x85"]
)
# Text people might type, with the characters that hide or reorder it mixed in.
TYPED = st.lists(st.one_of(st.text(min_size=1, max_size=6), NASTY), max_size=8).map("".join)
ANYTHING = st.one_of(TYPED, st.integers(-(10**20), 10**20).map(str))
PEOPLE = st.one_of(st.sampled_from(["1", "2"]), ANYTHING)
LANGUAGE = st.one_of(st.sampled_from(["en", "ar", "fa"]), ANYTHING)
settings_for_forms = hypothesis_settings(max_examples=25)


def assert_kept_clean(booking: Booking) -> None:
    assert booking.first_name == text_clean(booking.first_name).strip()
    assert booking.access_needs == text_clean(booking.access_needs, multiline=True).strip()


def test_the_booking_form_keeps_no_hidden_characters(client, settings, session):
    settings.DROPIN_BOOKINGS_PER_HOUR = 10_000

    @settings_for_forms
    @given(first_name=TYPED, access_needs=TYPED)
    def check(first_name, access_needs):
        fields = {"first_name": first_name, "access_needs": access_needs}
        assert client.post(session_url(session), booking_data(**fields)).status_code < 500

    check()
    assert Booking.objects.exists()
    for booking in Booking.objects.all():
        assert_kept_clean(booking)


def test_the_booking_form_never_fails_whatever_it_is_sent(client, settings, session):
    settings.DROPIN_BOOKINGS_PER_HOUR = 10_000

    @settings_for_forms
    @given(
        first_name=TYPED,
        adults=PEOPLE,
        children=PEOPLE,
        email=ANYTHING,
        phone=ANYTHING,
        language=LANGUAGE,
        interpreter_language=LANGUAGE,
        website=ANYTHING,
    )
    def check(**fields):
        response = client.post(session_url(session), booking_data(**fields))
        assert response.status_code < 500

    check()


def test_a_right_to_left_override_in_a_name_is_not_kept(client, settings, session):
    settings.DROPIN_BOOKINGS_PER_HOUR = 10_000

    client.post(session_url(session), booking_data(first_name="Ali\u202egnp.exe"))

    assert Booking.objects.get().first_name == "Alignp.exe"


def test_a_persian_name_keeps_its_zero_width_non_joiner(client, settings, session):
    client.post(session_url(session), booking_data(first_name="مهر\u200cناز"))

    assert Booking.objects.get().first_name == "مهر\u200cناز"


def test_the_change_and_cancel_forms_never_fail(client, session):
    booking = book(session)
    manage = reverse("dropins:manage", kwargs={"token": booking.token})
    cancel = reverse("dropins:cancel", kwargs={"token": booking.token})

    @settings_for_forms
    @given(adults=ANYTHING, children=ANYTHING, extra=ANYTHING)
    def check(adults, children, extra):
        changed = client.post(manage, {"adults": adults, "children": children, "x": extra})
        assert changed.status_code < 500
        assert client.get(cancel, {"confirm": extra}).status_code < 500

    check()
    assert client.post(cancel, {"confirm": "\x00"}).status_code < 500


def test_the_language_switch_never_fails(client):
    @settings_for_forms
    @given(language=ANYTHING, next_page=ANYTHING)
    def check(language, next_page):
        response = client.post(reverse("set_language"), {"language": language, "next": next_page})
        assert response.status_code < 500

    check()
