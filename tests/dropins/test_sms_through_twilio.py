"""A booking made with only a mobile number is confirmed by a text, through Twilio's library to a
local server that speaks Twilio's API."""

from django.test import Client

from sanctuary.models import OutgoingMessage
from tests.dropins.conftest import book


def test_a_booking_with_only_a_phone_number_is_confirmed_through_twilio(
    session, fake_twilio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session, phone="+447911123456", language="ar")

    [request] = fake_twilio.received
    assert request.form["To"] == "+447911123456"
    assert request.form["From"] == "NorwichThtr"
    body = request.form["Body"]
    assert body.startswith("تم الحجز: ")
    assert booking.reference in body
    short_link = body.rsplit(" ", 1)[-1]
    opened = Client().get(short_link.removeprefix("https://sanctuary.example.org"))
    assert opened["Location"] == f"/ar/drop-in/booking/{booking.token}/"
    message = OutgoingMessage.objects.get(channel=OutgoingMessage.Channel.SMS)
    assert message.status == OutgoingMessage.Status.SENT
    assert message.provider_message_id.startswith("SM")
