"""The outbox with a real Celery worker (in a thread) and the real Redis broker."""

from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import transaction
from django.utils import timezone

from sanctuary import services
from sanctuary.celery import app
from sanctuary.models import OutgoingMessage, User
from sanctuary.tasks import outbox_sweep
from tests.conftest import wait_for_the_worker

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def queue_note(key="worker:1") -> OutgoingMessage:
    with transaction.atomic():
        return services.message_queue(
            channel=OutgoingMessage.Channel.EMAIL,
            recipient="yusuf@example.org",
            template="test_note",
            dedupe_key=key,
            language="en",
            context={"name": "Yusuf"},
            subject=User.objects.get_or_create(email="yusuf.subject@example.org")[0],
        )


def wait_until_sent(message: OutgoingMessage) -> OutgoingMessage:
    def sent():
        message.refresh_from_db()
        return message.status == OutgoingMessage.Status.SENT

    wait_for_the_worker(sent, what="message sent")
    return message


def test_a_real_worker_delivers_a_queued_message(worker):
    message = queue_note()

    wait_until_sent(message)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["yusuf@example.org"]
    assert "Welcome, Yusuf" in mail.outbox[0].body


def sweep_later_with_a_worker(broker, message: OutgoingMessage, settings) -> None:
    """Some minutes on, the message is overdue; beat's sweep runs, a worker is up."""
    OutgoingMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    )
    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        outbox_sweep.delay()
        wait_until_sent(message)


def test_the_sweep_delivers_a_message_whose_task_was_lost_by_the_broker(broker, settings):
    message = queue_note()  # its task is now waiting in Redis, with no worker to take it
    assert broker.control.purge() == 1  # …and the broker loses it

    sweep_later_with_a_worker(broker, message, settings)

    assert len(mail.outbox) == 1


def test_a_broker_outage_at_commit_loses_nothing(own_broker, settings):
    own_broker.stop()
    message = queue_note()  # the commit succeeds although the task could not be queued
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.PENDING
    own_broker.start()

    sweep_later_with_a_worker(app, message, settings)

    assert len(mail.outbox) == 1


def test_the_worker_retries_a_temporary_smtp_failure_after_a_wait(worker, smtp_server, settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 1
    smtp_server.replies = ["451 4.3.0 Greylisted, try again soon"]

    message = queue_note()

    wait_until_sent(message)
    assert message.attempts == 2
    assert len(smtp_server.received) == 1
