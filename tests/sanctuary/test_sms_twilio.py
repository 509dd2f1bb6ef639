"""Texts through Twilio's library, to a local server that speaks Twilio's API over HTTP."""

import pytest
from django.urls import reverse

from sanctuary import rules
from sanctuary.models import OutgoingMessage, SmsSuppression
from sanctuary.sms.senders import sender_problem
from tests.sanctuary.sms_helpers import NUMBER, queue_text
from tests.sanctuary.twilio_server import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    MESSAGING_SERVICE_SID,
)


def send_one(django_capture_on_commit_callbacks, **kwargs) -> OutgoingMessage:
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_text(**kwargs)
    message.refresh_from_db()
    return message


def test_a_text_goes_to_twilio_with_the_sender_id_and_a_signed_status_address(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    message = send_one(django_capture_on_commit_callbacks)

    [request] = fake_twilio.received
    assert request.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert request.auth == (ACCOUNT_SID, AUTH_TOKEN)
    assert request.form["To"] == NUMBER
    assert request.form["From"] == "NorwichThtr"
    assert request.form["Body"] == "Welcome, Amal"
    assert request.form["StatusCallback"] == (
        f"{settings.SITE_URL}{reverse('sms_status')}?message={message.pk}"
    )
    assert message.status == OutgoingMessage.Status.SENT
    assert message.provider_message_id.startswith("SM") and len(message.provider_message_id) == 34


def test_a_messaging_service_chooses_the_sender_instead(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.TWILIO_MESSAGING_SERVICE_SID = MESSAGING_SERVICE_SID

    send_one(django_capture_on_commit_callbacks)

    [request] = fake_twilio.received
    assert request.form["MessagingServiceSid"] == MESSAGING_SERVICE_SID
    assert "From" not in request.form


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, 21211),  # not a valid number
        (400, 21614),  # not a mobile number
        (400, 21408),  # the account may not text that country
        (400, 21612),  # cannot be routed
        (400, 21999),  # any other refusal of this request
    ],
)
def test_a_number_twilio_cannot_text_fails_for_good(
    db, fake_twilio, status, code, django_capture_on_commit_callbacks
):
    fake_twilio.fail_next(status, code)

    message = send_one(django_capture_on_commit_callbacks)

    assert message.status == OutgoingMessage.Status.FAILED
    assert f"Twilio error {code}" in message.last_error
    assert message.attempts == 1


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (429, 20429),  # too many requests
        (500, 20500),  # Twilio's own error
        (503, 20503),  # unavailable
    ],
)
def test_a_busy_or_broken_twilio_is_tried_again_later(
    db, fake_twilio, status, code, django_capture_on_commit_callbacks
):
    fake_twilio.fail_next(status, code)

    message = send_one(django_capture_on_commit_callbacks)

    assert message.status == OutgoingMessage.Status.PENDING
    assert f"Twilio error {code}" in message.last_error
    assert message.next_attempt_at > message.updated_at


def test_wrong_credentials_are_tried_again_once_someone_fixes_them(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.TWILIO_AUTH_TOKEN = "not-the-token"

    message = send_one(django_capture_on_commit_callbacks)

    assert fake_twilio.received[0].auth == (ACCOUNT_SID, "not-the-token")
    assert message.status == OutgoingMessage.Status.PENDING
    assert "20003" in message.last_error


def test_an_answer_that_is_not_twilios_json_is_judged_by_its_status(
    db, fake_twilio, django_capture_on_commit_callbacks
):
    fake_twilio.raw.append((502, "<html>Bad gateway</html>"))

    message = send_one(django_capture_on_commit_callbacks)

    assert message.status == OutgoingMessage.Status.PENDING


def test_twilio_not_answering_at_all_is_tried_again_later(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.TWILIO_API_URL = "http://127.0.0.1:9"  # nothing listens on the discard port

    message = send_one(django_capture_on_commit_callbacks)

    assert message.status == OutgoingMessage.Status.PENDING
    assert "Twilio did not answer" in message.last_error


def test_a_recipient_who_unsubscribed_at_twilio_is_never_texted_again(
    db, fake_twilio, django_capture_on_commit_callbacks
):
    fake_twilio.fail_next(400, 21610, "Attempt to send to unsubscribed recipient")

    first = send_one(django_capture_on_commit_callbacks)
    second = send_one(django_capture_on_commit_callbacks, key="test:text:2")

    assert first.status == OutgoingMessage.Status.FAILED
    assert SmsSuppression.objects.get().reason == SmsSuppression.Reason.PROVIDER_OPT_OUT
    assert not rules.may_text(NUMBER)
    assert second.status == OutgoingMessage.Status.FAILED
    assert "STOP" in second.last_error
    assert len(fake_twilio.received) == 1  # the second never reached Twilio


@pytest.mark.parametrize(
    ("sender", "fine"),
    [
        ("NorwichThtr", True),
        ("Norwich 1", True),
        ("+447700900123", True),
        ("NorwichTheatre", False),  # 14 characters
        ("Norwich-Thr", False),  # only letters, digits and spaces
        ("12345", False),  # a letter at least
        ("Théâtre", False),  # ASCII only
        ("", False),
    ],
)
def test_the_sender_is_an_alphanumeric_id_of_up_to_11_characters_or_a_number(sender, fine):
    assert (sender_problem(sender) == "") is fine
