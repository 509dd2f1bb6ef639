"""Sending in batches: the sweep claims overdue messages a batch at a time, sends each batch
over one SMTP connection, records the outcomes in a few statements, and goes on until nothing
is left; the queries of a run grow with its batches, never with its messages. Failures still
retry or fail one by one, and nothing is sent twice."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sanctuary import delivery, sending
from sanctuary.models import OutgoingMessage
from tests.sanctuary.test_outbox import NOTE, note_subject


def overdue_notes(count: int, *, settings, start: int = 0) -> list[OutgoingMessage]:
    """`count` messages whose task never ran, overdue for the sweep."""
    subject = note_subject()
    long_ago = timezone.now() - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS + 60)
    return OutgoingMessage.objects.bulk_create(
        OutgoingMessage(
            **{
                **NOTE,
                "recipient": f"person{index}@example.org",
                "dedupe_key": f"test:batch:{index}",
            },
            subject_type_id=None,
            subject_id=subject.pk,
            next_attempt_at=long_ago,
        )
        for index in range(start, start + count)
    )


def sweep_queries() -> tuple[int, sending.BatchResult]:
    with CaptureQueriesContext(connection) as queries:
        result = delivery.outbox_sweep()
    return len(queries), result


@pytest.mark.django_db
def test_a_sweep_takes_as_many_queries_for_10_messages_as_for_190(settings):
    settings.OUTBOX_BATCH_SIZE = 200
    overdue_notes(10, settings=settings)
    small, result = sweep_queries()
    assert result.sent == 10
    overdue_notes(190, settings=settings, start=10)

    large, result = sweep_queries()

    assert result.sent == 190
    assert small == large
    assert large <= 12


@pytest.mark.django_db
def test_a_sweep_goes_on_batch_after_batch_until_nothing_is_left(settings):
    settings.OUTBOX_BATCH_SIZE = 50
    overdue_notes(120, settings=settings)

    queries, result = sweep_queries()

    assert result.sent == 120
    assert not OutgoingMessage.objects.exclude(status=OutgoingMessage.Status.SENT).exists()
    assert queries <= 3 * 12  # three batches


@pytest.mark.django_db
def test_each_batch_goes_over_one_smtp_connection(settings, smtp_server):
    settings.OUTBOX_BATCH_SIZE = 40
    overdue_notes(100, settings=settings)

    result = delivery.outbox_sweep()

    assert result.sent == 100
    assert len(smtp_server.received) == 100
    assert len(smtp_server.peers) == 3  # 40 + 40 + 20


@pytest.mark.django_db
def test_in_a_batch_a_temporary_failure_waits_and_a_permanent_one_fails(settings, smtp_server):
    settings.OUTBOX_BATCH_SIZE = 10
    first, second, *others = overdue_notes(5, settings=settings)
    smtp_server.replies = ["451 Try again later", "550 No such mailbox"]

    result = delivery.outbox_sweep()

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.attempts) == (OutgoingMessage.Status.PENDING, 1)
    assert first.next_attempt_at >= timezone.now() + timedelta(seconds=50)
    assert result.retries == [(first.pk, settings.OUTBOX_RETRY_BASE_SECONDS)]
    assert second.status == OutgoingMessage.Status.FAILED
    assert "550" in second.last_error
    assert result.sent == 3
    assert len(smtp_server.received) == 3
    for message in others:
        message.refresh_from_db()
        assert (message.status, message.attempts) == (OutgoingMessage.Status.SENT, 1)


@pytest.mark.django_db
def test_no_send_starts_so_late_in_a_batchs_lease_that_it_could_outlast_it(settings):
    # A send may take this long, so none may start after the lease began: all go back untried.
    settings.OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS = settings.OUTBOX_SENDING_LEASE_SECONDS - 4
    notes = overdue_notes(3, settings=settings)

    result = delivery.outbox_sweep()

    assert (result.handed, result.sent) == ([], 0)
    for message in notes:
        message.refresh_from_db()
        assert (message.status, message.attempts) == (OutgoingMessage.Status.PENDING, 0)
        assert message.sending_since is None


@pytest.mark.django_db
def test_a_message_queued_with_others_is_sent_in_their_batch(settings, smtp_server):
    notes = overdue_notes(3, settings=settings)
    OutgoingMessage.objects.update(next_attempt_at=timezone.now())

    result = sending.messages_send(dedupe_keys=[note.dedupe_key for note in notes])

    assert result.sent == 3
    assert len(smtp_server.peers) == 1
    # Already sent: a second copy of the task sends nothing.
    assert sending.messages_send(dedupe_keys=[note.dedupe_key for note in notes]).sent == 0
    assert len(smtp_server.received) == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sweeps_running_at_once_send_each_message_once(settings, smtp_server):
    settings.OUTBOX_BATCH_SIZE = 25
    overdue_notes(200, settings=settings)
    barrier = threading.Barrier(3)
    errors = []

    def sweep():
        try:
            barrier.wait()
            delivery.outbox_sweep()
        except Exception as error:  # a failure in a thread must fail the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(smtp_server.received) == 200
    assert sorted(envelope.rcpt_tos[0] for envelope in smtp_server.received) == sorted(
        f"person{index}@example.org" for index in range(200)
    )
    assert set(OutgoingMessage.objects.values_list("status", "attempts")) == {("sent", 1)}
