"""The booking form: it asks nothing it need not, keeps what was typed when something is
wrong, and refuses bots and floods."""

import re

import pytest
from django.utils import translation

from dropins.models import Booking
from tests.dropins.helpers import booking_data, session_url

pytestmark = pytest.mark.instants


def test_the_form_asks_nothing_about_status_nationality_documents_or_age(client, session):
    html = client.get(session_url(session)).content.decode().lower()

    for word in ("nationality", "immigration status", "passport", "date of birth", "home office"):
        assert word not in html.replace("we never ask about your immigration status", "")
    form = html[html.index('<form class="form"') :]
    names = set(re.findall(r'<(?:input|select|textarea)[^>]* name="([a-z_]+)"', form))
    assert names - {"csrfmiddlewaretoken", "submission_key"} == {
        "first_name",
        "adults",
        "children",
        "email",
        "phone",
        "language",
        "interpreter_language",
        "access_needs",
        "website",
    }


def test_the_language_for_messages_defaults_to_the_pages(client, session):
    html = client.get(session_url(session, "fa")).content.decode()

    assert re.search(r'<option value="fa"[^>]*selected', html)


def test_a_phone_number_is_stored_in_international_form(client, session):
    client.post(session_url(session), booking_data(phone="07911 123456"))

    assert str(Booking.objects.get().phone) == "+447911123456"


def test_errors_are_listed_translated_and_linked_and_nothing_typed_is_lost(client, session):
    response = client.post(
        session_url(session, "uk"),
        booking_data(first_name="", phone="12345", email="amina@", access_needs="A quiet room"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    for field in ("id_first_name", "id_phone", "id_email"):
        assert f'href="#{field}"' in html
    with translation.override("uk"):
        assert translation.gettext("This field is required.") in html
        assert translation.gettext("Enter a valid email address.") in html
    assert "amina@" in html and "A quiet room" in html and 'value="12345"' in html
    assert Booking.objects.count() == 0


def test_nobody_at_all_is_an_error(client, session):
    response = client.post(session_url(session), booking_data(adults="0", children="0"))

    assert "at least one" in response.content.decode()
    assert Booking.objects.count() == 0


def test_an_email_address_too_long_to_keep_is_a_form_error(client, session):
    address = "a" * 250 + "@example.org"

    response = client.post(session_url(session), booking_data(email=address))

    assert response.status_code == 200
    assert 'href="#id_email"' in response.content.decode()
    assert Booking.objects.count() == 0


def test_one_booking_holds_at_most_ten_people(client, session):
    response = client.post(session_url(session), booking_data(adults="6", children="5"))

    assert "10 people at most" in response.content.decode()
    assert Booking.objects.count() == 0


def test_a_filled_in_bot_trap_books_nothing(client, session):
    response = client.post(session_url(session), booking_data(website="http://spam.example"))

    assert response.status_code == 200
    assert Booking.objects.count() == 0


def test_a_filled_in_bot_trap_is_shown_again_empty(client, session):
    response = client.post(session_url(session), booking_data(website="autofilled"))

    assert "autofilled" not in response.content.decode()


@pytest.mark.redis
def test_too_many_bookings_from_one_client_are_refused(client, session, settings):
    settings.DROPIN_BOOKINGS_PER_HOUR = 3
    for index in range(3):
        response = client.post(session_url(session), booking_data(first_name=f"P{index}"))
        assert response.status_code == 302

    response = client.post(session_url(session), booking_data(first_name="One too many"))

    assert response.status_code == 429
    assert Booking.objects.count() == 3
    page = response.content.decode()
    assert "too many tries from here" in page
    assert 'value="One too many"' in page  # nothing typed is lost
