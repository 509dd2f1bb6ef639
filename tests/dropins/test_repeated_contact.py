"""A contact that books a session again gets a booking like any other: nothing public tells
whether it had booked. The contact's owner hears of the other booking in the new booking's own
confirmation, over that contact only; staff see it flagged."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from dropins import rules, selectors, services
from dropins.models import Booking
from sanctuary import sms
from tests.dropins.conftest import book
from tests.dropins.helpers import booking_data, session_url

pytestmark = pytest.mark.instants


def test_a_contact_booking_again_gets_a_real_booking_that_holds_places(session):
    first = book(session, email="amina@example.org", adults=2)

    again = book(session, first_name="Someone", email="Amina@Example.org", adults=3)

    assert again.pk != first.pk
    assert {first.status, again.status} == {Booking.Status.CONFIRMED}
    assert rules.people_booked(session) == 5


def test_the_new_bookings_confirmation_names_the_earlier_booking_and_its_link(
    session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = book(session, email="amina@example.org", language="en")
    assert "also holds" not in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        again = book(session, email="amina@example.org", language="en")

    body = mail.outbox[-1].body
    assert again.reference in body
    assert first.reference in body and f"/booking/{first.token}/" in body
    assert "also holds" in body
    assert len(mail.outbox) == 2  # one message for the new booking, nothing else


def test_each_channel_names_only_bookings_made_with_its_own_contact(
    session, django_capture_on_commit_callbacks
):
    first = book(session, email="amina@example.org", phone="+447911123456", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        # Someone typed Amina's number beside their own email address.
        book(session, email="someone@example.org", phone="+447911123456", language="en")

    [email] = mail.outbox
    assert email.to == ["someone@example.org"]
    assert first.reference not in email.body and first.token not in email.body
    [text] = sms.outbox
    assert text["to"] == "+447911123456"
    assert first.reference in text["body"]


def test_the_public_answer_to_a_repeated_contact_is_the_same_as_to_a_new_one(session):
    Client().post(session_url(session), booking_data(email="amina@example.org"))

    def answer(email):
        before = selectors.availability(selectors.session_get_public(pk=session.pk)).places_left
        visitor = Client()
        response = visitor.post(session_url(session), booking_data(email=email))
        assert response.status_code == 302 and response["Location"] == "/en/drop-in/booked/"
        after = selectors.availability(selectors.session_get_public(pk=session.pk)).places_left
        return visitor.get("/en/drop-in/booked/").content.decode(), before - after

    new, new_taken = answer("someone.else@example.org")
    repeated, repeated_taken = answer("amina@example.org")

    def shape(html):
        return re.sub(r'D-[A-Z0-9]{6}|name="csrfmiddlewaretoken" value="\w+"', "X", html)

    assert shape(new) == shape(repeated)
    assert new_taken == repeated_taken == 3
    assert "/drop-in/booking/" not in repeated  # with a contact, the link goes by message
    earlier = Booking.objects.filter(email="amina@example.org").order_by("pk").first()
    assert earlier.reference not in repeated


def test_staff_see_repeated_contacts_flagged_in_the_booking_list(staff_client, session):
    book(session, phone="+447911123456")
    book(session, first_name="Again", phone="+447911123456")
    book(session, first_name="Alone", email="alone@example.org")

    response = staff_client.get(reverse("admin:dropins_booking_changelist"))

    flags = {row.first_name: row.repeated_contact for row in response.context["cl"].result_list}
    assert flags == {"Amina": True, "Again": True, "Alone": False}
    assert "same contact as another booking" in response.content.decode().lower()


def test_no_message_template_says_already_booked(settings):
    from pathlib import Path

    texts = Path(settings.BASE_DIR, "templates", "messages").glob("dropin_*/*.txt")

    assert not [path for path in texts if "already have a booking" in path.read_text()]


def test_a_booking_can_still_be_cancelled_from_its_own_link_when_its_contact_booked_again(
    session,
):
    first = book(session, email="amina@example.org")
    again = book(session, email="amina@example.org")

    services.booking_cancel(booking_id=first.pk)

    again.refresh_from_db()
    assert again.status == Booking.Status.CONFIRMED
