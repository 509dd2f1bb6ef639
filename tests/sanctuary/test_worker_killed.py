"""A worker that dies mid-send, and one that is slow: the message goes exactly once.

The worker that dies runs in a process of its own (a real `celery worker`, killed with SIGKILL
while the SMTP server holds its message unanswered). That process reads the real clock; the
steps that decide (the sweep and the send again) run in a worker in this process, whose clock
the test moves to where the dead worker's lease runs out."""

import os
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection, transaction

from sanctuary import delivery, rules
from sanctuary.models import OutgoingMessage
from sanctuary.tasks import outbox_sweep, send_message
from tests.conftest import TASKS_FINISHED, wait_for_the_worker
from tests.sanctuary.test_outbox import pending_note
from tests.sanctuary.test_worker import queue_note, wait_until_sent

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker_process(broker, smtp_server, settings, tmp_path):
    """Start a real Celery worker in a process of its own, on this test's database, broker and
    SMTP server. Whatever it held unacknowledged when it was killed is cleared afterwards."""
    processes = []

    @contextmanager
    def start(*, pool="solo", **environment):
        log = tmp_path / f"worker-{len(processes)}.log"
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "sanctuary", "worker"),
                *("--pool", pool, "--concurrency", "1", "--loglevel", "WARNING"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
                *("--hostname", f"dying-{uuid.uuid4().hex[:8]}@%h"),
            ],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "tests.settings_worker",
                "DATABASE_URL": database_url(),
                "EMAIL_URL": f"smtp://{settings.EMAIL_HOST}:{settings.EMAIL_PORT}",
                **environment,
            },
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(10)

    yield start
    with broker.connection_for_write() as redis:
        channel = redis.default_channel
        channel.client.delete(channel.unacked_key, channel.unacked_index_key)


def queue_for_the_worker_process(key: str) -> OutgoingMessage:
    """Queued as usual, and due by any clock: the worker process reads the real one."""
    with transaction.atomic():
        message = queue_note(key)
        OutgoingMessage.objects.filter(pk=message.pk).update(next_attempt_at=LONG_AGO)
    return message


def wait_for_the_row(message: OutgoingMessage, check, *, seconds: float = 20) -> None:
    """Poll the message's row until check(row) holds (another process writes it)."""
    deadline = time.monotonic() + seconds
    poll = threading.Event()
    while True:
        message.refresh_from_db()
        if check(message):
            return
        assert time.monotonic() < deadline, f"the row is still {message.status} after {seconds} s"
        poll.wait(0.05)


def test_a_message_whose_worker_was_killed_mid_send_goes_once_when_its_lease_runs_out(
    broker, smtp_server, worker_process, clock
):
    smtp_server.hold_next = True
    message = queue_for_the_worker_process("killed:1")
    with worker_process() as dying:
        assert smtp_server.held.wait(30), "the worker never began sending"
        dying.kill()
        dying.wait(10)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutgoingMessage.Status.SENDING, 1)

    clock.move_to(message.sending_since + rules.sending_lease())
    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        outbox_sweep.delay()  # beat's next sweep
        wait_until_sent(message)

    assert message.attempts == 2
    assert len(smtp_server.received) == 1  # the killed worker's copy was never accepted


def test_a_slow_send_is_not_taken_over_during_its_lease(worker, smtp_server, clock):
    smtp_server.hold_next = True
    message = queue_note("slow:1")
    assert smtp_server.held.wait(20), "the worker never began sending"
    message.refresh_from_db()

    # The send has been under way for all but the last second of its lease.
    clock.move_to(message.sending_since + rules.sending_lease() - timedelta(seconds=1))
    assert delivery.outbox_sweep().handed == []
    send_message.delay(message.pk)  # and the broker hands its task out again
    smtp_server.release.set()
    wait_for_the_worker(
        lambda: TASKS_FINISHED[send_message.name] == 2, what="both copies of the task run"
    )

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutgoingMessage.Status.SENT, 1)
    assert len(smtp_server.received) == 1


def test_a_send_stopped_at_its_soft_time_limit_is_tried_again_later(
    broker, smtp_server, worker_process
):
    smtp_server.hold_next = True
    message = pending_note(next_attempt_at=LONG_AGO)
    with worker_process(pool="prefork"):  # the pool that enforces time limits
        # The limits travel with the task; here, far shorter ones than the settings'.
        send_message.apply_async((message.pk,), soft_time_limit=1, time_limit=10)
        assert smtp_server.held.wait(30), "the worker never began sending"
        wait_for_the_row(message, lambda row: row.status != OutgoingMessage.Status.SENDING)

    assert (message.status, message.attempts) == (OutgoingMessage.Status.PENDING, 1)
    assert "took longer than" in message.last_error
    assert message.next_attempt_at > message.updated_at
    assert smtp_server.received == []
