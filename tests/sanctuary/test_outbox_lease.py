"""A message left "sending" by a worker that died: its lease, and who sends it again (the sweep,
or the broker's redelivery of the lost task). Instants are set relative to the lease."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from sanctuary import delivery, rules, tasks
from sanctuary.models import OutgoingMessage
from tests.sanctuary.test_outbox import queue_note

pytestmark = [pytest.mark.django_db, pytest.mark.instants]

SECOND = timedelta(seconds=1)


def left_sending(message: OutgoingMessage, *, since, attempts: int = 1) -> None:
    """As a worker leaves the message when it dies mid-send."""
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=OutgoingMessage.Status.SENDING, sending_since=since, attempts=attempts
    )


def test_a_redelivered_task_takes_over_a_message_whose_lease_ran_out():
    message = queue_note()
    left_sending(message, since=timezone.now() - rules.sending_lease())

    assert delivery.message_deliver(message_id=message.pk) is None

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert message.attempts == 2
    assert len(mail.outbox) == 1


def test_a_redelivered_task_leaves_a_message_still_within_its_lease():
    message = queue_note()
    left_sending(message, since=timezone.now() - rules.sending_lease() + SECOND)

    assert delivery.message_deliver(message_id=message.pk) is None

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENDING
    assert message.attempts == 1
    assert mail.outbox == []


def test_the_sweep_sends_again_at_once_a_message_whose_lease_ran_out():
    message = queue_note()
    left_sending(message, since=timezone.now() - rules.sending_lease())

    assert delivery.outbox_sweep().handed == [message.pk]

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutgoingMessage.Status.SENT, 2)
    assert message.sending_since is None
    assert len(mail.outbox) == 1


def test_a_message_whose_worker_died_at_every_attempt_is_marked_failed(settings):
    message = queue_note()
    long_ago = timezone.now() - rules.sending_lease()
    left_sending(message, since=long_ago, attempts=settings.OUTBOX_MAX_ATTEMPTS)

    assert delivery.outbox_sweep().handed == []
    assert delivery.message_deliver(message_id=message.pk) is None

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert "last allowed attempt" in message.last_error
    assert mail.outbox == []


@pytest.mark.parametrize("seconds_past_the_minute", [0, 1, 30, 59])
def test_a_killed_workers_message_goes_again_within_its_lease_and_one_sweep(
    clock, settings, seconds_past_the_minute
):
    """Beat sweeps at each whole minute; the worker died just after it began sending."""
    began = timezone.now().replace(second=seconds_past_the_minute, microsecond=0)
    clock.move_to(began)
    message = queue_note()
    left_sending(message, since=began)
    lease = rules.sending_lease()

    sweep_at = began.replace(second=0)
    while not mail.outbox:
        sweep_at += timedelta(minutes=1)
        assert sweep_at - began <= lease + timedelta(minutes=1), "not sent again in time"
        clock.move_to(sweep_at)
        tasks.outbox_sweep()  # as beat runs it: the sends it queues run here too
        assert mail.outbox == [] or sweep_at - began >= lease, "sent again during its lease"

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert message.attempts == 2
    assert len(mail.outbox) == 1
