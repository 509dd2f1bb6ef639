"""Twilio's delivery receipts and replies reach the site signed; nothing unsigned changes
anything."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from twilio.request_validator import RequestValidator

from sanctuary import rules
from sanctuary.models import OutgoingMessage, SmsSuppression, User
from sanctuary.services import messages_forget
from sanctuary.sms import suppression
from tests.sanctuary.sms_helpers import NUMBER, post_signed, queue_text

Delivery = OutgoingMessage.Delivery


@pytest.fixture
def sent(db, fake_twilio, django_capture_on_commit_callbacks) -> OutgoingMessage:
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_text()
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    return message


def receipt(message: OutgoingMessage, status: str, **extra):
    path = f"{reverse('sms_status')}?message={message.pk}"
    data = {
        "MessageSid": message.provider_message_id,
        "MessageStatus": status,
        "AccountSid": "AC" + "0" * 32,
        "To": NUMBER,
        **extra,
    }
    return post_signed(path, data)


def test_a_signed_receipt_marks_the_text_delivered(sent):
    response = receipt(sent, "delivered")

    assert response.status_code == 204
    sent.refresh_from_db()
    assert sent.delivery_status == Delivery.DELIVERED
    assert sent.delivered_at is not None


def test_a_receipt_needs_no_csrf_token_but_a_signature(sent):
    strict = Client(enforce_csrf_checks=True)
    path = f"{reverse('sms_status')}?message={sent.pk}"

    assert post_signed(path, {"MessageStatus": "sent"}, client=strict).status_code == 204


@pytest.mark.parametrize(
    "signature", ["", "bm90IGEgc2lnbmF0dXJl", "signed-with-another-token", "for-another-message"]
)
def test_a_receipt_without_a_valid_signature_is_refused_and_changes_nothing(sent, signature):
    path = f"{reverse('sms_status')}?message={sent.pk}"
    data = {"MessageSid": sent.provider_message_id, "MessageStatus": "delivered"}
    if signature == "signed-with-another-token":
        response = post_signed(path, data, token="another-token")
    elif signature == "for-another-message":
        other = f"{reverse('sms_status')}?message={sent.pk + 1}"
        good = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(
            settings.SITE_URL + other, data
        )
        response = Client().post(path, data, headers={"X-Twilio-Signature": good})
    else:
        response = Client().post(path, data, headers={"X-Twilio-Signature": signature})

    assert response.status_code == 403
    sent.refresh_from_db()
    assert sent.delivery_status == ""


def test_a_receipt_is_only_taken_by_post(sent):
    assert Client().get(f"{reverse('sms_status')}?message={sent.pk}").status_code == 405


def test_receipts_in_the_wrong_order_never_take_a_text_back(sent):
    receipt(sent, "delivered")
    receipt(sent, "sent")
    receipt(sent, "undelivered", ErrorCode="30003")
    receipt(sent, "delivered")  # again: changes nothing

    sent.refresh_from_db()
    assert sent.delivery_status == Delivery.DELIVERED
    assert sent.provider_error_code == ""


def test_an_undelivered_text_keeps_the_providers_reason(sent):
    receipt(sent, "sent")
    receipt(sent, "undelivered", ErrorCode="30007", ErrorMessage="Message filtered")

    sent.refresh_from_db()
    assert sent.delivery_status == Delivery.UNDELIVERED
    assert sent.provider_error_code == "30007"
    assert sent.provider_error_reason == "Message filtered"
    assert sent.status == OutgoingMessage.Status.SENT  # Twilio took it; the network did not


def test_a_failed_receipt_for_an_unsubscribed_number_puts_it_on_the_stop_list(sent):
    receipt(sent, "failed", ErrorCode="21610")

    sent.refresh_from_db()
    assert sent.delivery_status == Delivery.FAILED
    assert "opted out" in sent.provider_error_reason
    assert not rules.may_text(NUMBER)


def test_staff_see_the_delivery_in_the_outbox_list(sent, client, programme_staff):
    receipt(sent, "undelivered", ErrorCode="30003")
    client.force_login(programme_staff)

    listed = client.get(reverse("admin:sanctuary_outgoingmessage_changelist"))
    filtered = client.get(
        reverse("admin:sanctuary_outgoingmessage_changelist"),
        {"delivery_status__exact": "delivered"},
    )

    assert "Not delivered (30003)" in listed.content.decode()
    assert filtered.context["cl"].result_count == 0


# Replies: STOP and START ------------------------------------------------------------------------


def reply(body: str, *, number: str = NUMBER, **extra):
    data = {"From": number, "To": "+447700900000", "Body": body, "MessageSid": "SM" + "1" * 32}
    return post_signed(reverse("sms_inbound"), {**data, **extra})


@pytest.mark.parametrize("word", ["STOP", "stop", " Stop. ", "STOPALL", "UNSUBSCRIBE", "QUIT"])
def test_a_stop_reply_stops_every_later_text(
    db, fake_twilio, word, django_capture_on_commit_callbacks
):
    response = reply(word)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert not rules.may_text(NUMBER)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_text()
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert message.attempts == 1
    assert "asked for no more texts" in message.last_error
    assert fake_twilio.received == []


def test_a_reply_that_only_mentions_stop_changes_nothing(db, fake_twilio):
    reply("Please don't stop, see you Tuesday")

    assert rules.may_text(NUMBER)


def test_start_lets_texts_go_again(db, fake_twilio, django_capture_on_commit_callbacks):
    reply("STOP")
    reply("start")

    with django_capture_on_commit_callbacks(execute=True):
        message = queue_text()
    message.refresh_from_db()
    assert rules.may_text(NUMBER)
    assert message.status == OutgoingMessage.Status.SENT


def test_twilios_own_reading_of_a_reply_wins(db, fake_twilio):
    reply("ARRET", OptOutType="STOP")  # a keyword set up in Twilio's console

    assert not rules.may_text(NUMBER)


def test_an_unsigned_stop_is_refused(db, fake_twilio):
    response = Client().post(reverse("sms_inbound"), {"From": NUMBER, "Body": "STOP"})

    assert response.status_code == 403
    assert rules.may_text(NUMBER)


def test_the_stop_list_keeps_no_number_and_outlives_forgetting_the_messages(
    db, fake_twilio, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_text()
    reply("STOP")
    messages_forget(subjects=User.objects.filter(email="amal.subject@example.org"))

    [entry] = SmsSuppression.objects.all()
    assert "7911123456" not in entry.number_hash
    assert not OutgoingMessage.objects.filter(recipient=NUMBER).exists()
    assert not rules.may_text(NUMBER)
    assert not rules.may_text("07911 123456")  # the same number, as people type it


def test_the_stop_list_holds_when_secret_key_rotates(db, fake_twilio, settings):
    settings.SMS_SUPPRESSION_KEY = "a-key-of-its-own-" * 3
    reply("STOP")

    settings.SECRET_KEY = "a-new-secret-key-" * 4

    assert not rules.may_text(NUMBER)
    settings.SMS_SUPPRESSION_KEY = "another-key-" * 4
    assert rules.may_text(NUMBER)  # which is why that key is never changed


def test_hashes_are_keyed(settings):
    settings.SMS_SUPPRESSION_KEY = "one-key"
    first = suppression.number_hash(NUMBER)
    settings.SMS_SUPPRESSION_KEY = "another-key"

    assert suppression.number_hash(NUMBER) != first
