"""The daily caps on texts: in all (the rest wait for tomorrow) and per number (the rest fail),
taken exactly under concurrency."""

import threading
from datetime import datetime, timedelta

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from sanctuary import rules
from sanctuary.models import OutgoingMessage, SmsDayCount
from sanctuary.sms import caps
from sanctuary.tasks import outbox_sweep
from tests.sanctuary.sms_helpers import NUMBER, queue_text

OTHER = "+447911123457"


def send(django_capture_on_commit_callbacks, **kwargs) -> OutgoingMessage:
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_text(**kwargs)
    message.refresh_from_db()
    return message


def test_texts_past_the_daily_cap_wait_for_tomorrow(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.SMS_DAILY_CAP = 2
    first = send(django_capture_on_commit_callbacks, key="k1")
    second = send(django_capture_on_commit_callbacks, key="k2", recipient=OTHER)

    held = send(django_capture_on_commit_callbacks, key="k3", recipient="+447911123458")

    assert [first.status, second.status] == [OutgoingMessage.Status.SENT] * 2
    assert held.status == OutgoingMessage.Status.PENDING
    assert held.attempts == 0  # holding costs no attempt
    assert "SMS_DAILY_CAP" in held.last_error
    assert held.next_attempt_at == caps.next_day_starts()
    assert len(fake_twilio.received) == 2


def test_a_held_text_goes_after_midnight_with_the_sweep(
    db, fake_twilio, settings, clock, django_capture_on_commit_callbacks
):
    settings.SMS_DAILY_CAP = 1
    send(django_capture_on_commit_callbacks, key="k1")
    held = send(django_capture_on_commit_callbacks, key="k2", recipient=OTHER)

    outbox_sweep()  # before midnight: still waiting
    held.refresh_from_db()
    assert held.status == OutgoingMessage.Status.PENDING
    clock.move_to(caps.next_day_starts() + timedelta(minutes=5))
    outbox_sweep()

    held.refresh_from_db()
    assert held.status == OutgoingMessage.Status.SENT
    assert [r.form["To"] for r in fake_twilio.received] == [NUMBER, OTHER]


def test_texts_past_a_numbers_own_cap_fail_with_the_reason(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.SMS_PER_NUMBER_DAILY_CAP = 2
    sent = [send(django_capture_on_commit_callbacks, key=f"k{n}") for n in range(2)]

    refused = send(django_capture_on_commit_callbacks, key="k3")
    other = send(django_capture_on_commit_callbacks, key="k4", recipient=OTHER)

    assert {message.status for message in sent} == {OutgoingMessage.Status.SENT}
    assert refused.status == OutgoingMessage.Status.FAILED
    assert "SMS_PER_NUMBER_DAILY_CAP" in refused.last_error
    assert other.status == OutgoingMessage.Status.SENT


def test_a_text_the_provider_refused_does_not_count(
    db, fake_twilio, settings, django_capture_on_commit_callbacks
):
    settings.SMS_PER_NUMBER_DAILY_CAP = 1
    fake_twilio.fail_next(400, 21614)
    send(django_capture_on_commit_callbacks, key="k1")

    second = send(django_capture_on_commit_callbacks, key="k2")

    assert second.status == OutgoingMessage.Status.SENT
    assert caps.sms_sent_today() == 1


def test_the_count_starts_again_each_day_in_london(db, settings, clock):
    settings.SMS_DAILY_CAP = 1
    caps.sms_place_take(number=NUMBER)
    with pytest.raises(caps.SmsCapReached):
        caps.sms_place_take(number=OTHER)

    clock.move_to(caps.next_day_starts())
    caps.sms_place_take(number=OTHER)

    assert caps.sms_sent_today() == 1


def test_the_outbox_list_and_a_retry_say_when_the_cap_is_reached(
    db, settings, client, programme_staff, django_capture_on_commit_callbacks
):
    settings.SMS_DAILY_CAP = 1
    caps.sms_place_take(number=OTHER)
    message = send(django_capture_on_commit_callbacks)
    OutgoingMessage.objects.filter(pk=message.pk).update(status=OutgoingMessage.Status.FAILED)
    client.force_login(programme_staff)
    url = reverse("admin:sanctuary_outgoingmessage_changelist")

    listed = client.get(url)
    retried = client.post(
        url, {"action": "retry_failed", "_selected_action": [message.pk]}, follow=True
    )

    banner = "cap on text messages (1, the SMS_DAILY_CAP setting) is reached"
    assert banner in listed.content.decode()
    assert banner in retried.content.decode()
    assert rules.sms_daily_cap_reached(timezone.now())


def test_no_banner_while_texts_are_left(db, settings, client, programme_staff):
    client.force_login(programme_staff)

    listed = client.get(reverse("admin:sanctuary_outgoingmessage_changelist"))

    assert "SMS_DAILY_CAP" not in listed.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("per_number", [False, True], ids=["daily", "per-number"])
def test_concurrent_senders_never_pass_a_cap(settings, per_number):
    cap, senders = 5, 12
    settings.SMS_DAILY_CAP = 1000 if per_number else cap
    settings.SMS_PER_NUMBER_DAILY_CAP = cap if per_number else 1000
    start = threading.Barrier(senders)
    taken, refused = [], []

    def take(n: int) -> None:
        number = NUMBER if per_number else f"+44791112{n:04d}"
        try:
            start.wait()
            caps.sms_place_take(number=number)
            taken.append(n)
        except caps.SmsCapReached:
            refused.append(n)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take, args=(n,)) for n in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(taken) == cap
    assert len(refused) == senders - cap
    assert caps.sms_sent_today() == cap
    if per_number:
        counted = SmsDayCount.objects.exclude(key=SmsDayCount.ALL).get()
        assert counted.count == cap


def test_old_counters_are_forgotten(db, clock):
    caps.sms_place_take(number=NUMBER)
    clock.move_to(timezone.now() + timedelta(days=3))
    caps.sms_place_take(number=NUMBER)

    caps.sms_day_counts_forget_old()

    assert set(SmsDayCount.objects.values_list("day", flat=True)) == {caps.today()}
    assert isinstance(caps.next_day_starts(), datetime)
