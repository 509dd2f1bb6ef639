import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from sanctuary import delivery, services, sms
from sanctuary.models import AuditEvent, OutgoingMessage, User
from sanctuary.tasks import outbox_sweep, send_message
from tests.conftest import free_port

NOTE = {
    "channel": OutgoingMessage.Channel.EMAIL,
    "recipient": "amal@example.org",
    "template": "test_note",
    "dedupe_key": "test:1",
    "language": "en",
    "context": {"name": "Amal"},
}


def note_subject() -> User:
    """What the test messages are about: a team account."""
    user, _created = User.objects.get_or_create(email="amal.subject@example.org")
    return user


def queue_note(**overrides) -> OutgoingMessage:
    return services.message_queue(**{"subject": note_subject(), **NOTE, **overrides})


def pending_note(**overrides) -> OutgoingMessage:
    """A message waiting in the outbox, its task not yet run."""
    return OutgoingMessage.objects.create(**{**NOTE, **overrides})


# Queueing -------------------------------------------------------------------------------------


def test_a_queued_message_is_sent_when_the_transaction_commits(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = queue_note()
        assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amal@example.org"]
    # Plain text: nothing is HTML-escaped.
    assert "Amal & friends" in mail.outbox[0].body


def test_a_message_is_not_sent_if_the_change_that_caused_it_is_rolled_back(
    db, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_note()
        raise RuntimeError("the booking failed")
    assert callbacks == []
    assert not OutgoingMessage.objects.exists()
    assert mail.outbox == []


def test_queueing_the_same_dedupe_key_twice_sends_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_note()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = queue_note(recipient="someone-else@example.org")
    assert second.pk == first.pk
    assert callbacks == []
    assert OutgoingMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_message_is_rendered_in_the_recipients_language(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_note(language="ar", dedupe_key="test:ar")
        queue_note(language="en", dedupe_key="test:en")
    arabic, english = mail.outbox
    assert arabic.subject != english.subject
    assert english.subject == "Theatre of Sanctuary"
    assert arabic.extra_headers["Content-Language"] == "ar"


def test_an_unknown_language_falls_back_to_english(db):
    assert queue_note(language="xx").language == "en"


def test_sms_goes_through_the_sms_backend(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_note(channel=OutgoingMessage.Channel.SMS, recipient="+447911123456")
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert sms.outbox == [{"to": "+447911123456", "body": "Welcome, Amal"}]
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("channel", "recipient"),
    [("email", "not-an-address"), ("sms", "07700 900123"), ("sms", "+44 12")],
)
def test_a_recipient_that_cannot_receive_the_channel_is_refused(db, channel, recipient):
    with pytest.raises(ValidationError):
        queue_note(channel=channel, recipient=recipient)


# Sending: retries, failures, never twice ------------------------------------------------------


def deliver_now(message: OutgoingMessage) -> int | None:
    """Try to send the message at once, as the retry task does once its wait is over."""
    OutgoingMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    return delivery.message_deliver(message_id=message.pk)


def test_a_temporary_smtp_error_is_retried_with_backoff(db, smtp_server, settings):
    smtp_server.replies = ["451 4.3.0 Please try again later"]
    message = queue_note()

    retry_in = delivery.message_deliver(message_id=message.pk)

    message.refresh_from_db()
    assert retry_in == settings.OUTBOX_RETRY_BASE_SECONDS
    assert message.status == OutgoingMessage.Status.PENDING
    assert message.attempts == 1
    assert "451" in message.last_error
    assert message.next_attempt_at > timezone.now() + timedelta(seconds=retry_in - 5)

    assert deliver_now(message) is None
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert message.attempts == 2
    assert len(smtp_server.received) == 1


def test_the_wait_doubles_after_each_temporary_error(db, smtp_server, settings):
    smtp_server.replies = ["451 4.3.0 Busy"] * 3
    message = queue_note()
    waits = [deliver_now(message) for _ in range(3)]
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    assert waits == [base, base * 2, base * 4]


def test_a_permanent_smtp_error_marks_the_message_failed(db, smtp_server):
    smtp_server.replies = ["550 5.1.1 No such mailbox"]
    message = queue_note()

    assert delivery.message_deliver(message_id=message.pk) is None

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert "550" in message.last_error
    assert smtp_server.received == []


def test_temporary_errors_give_up_after_the_attempts_limit(db, smtp_server, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp_server.replies = ["451 4.3.0 Busy"] * 3
    message = queue_note()
    for _ in range(3):
        deliver_now(message)
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED
    assert message.attempts == 3


def test_an_smtp_server_that_is_down_is_a_temporary_error(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    message = queue_note()
    assert delivery.message_deliver(message_id=message.pk) is not None
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.PENDING
    assert message.last_error


def test_running_the_send_task_twice_sends_once(db):
    message = queue_note()
    send_message(message.pk)
    send_message(message.pk)
    message.refresh_from_db()
    assert message.attempts == 1
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sends_of_one_message_send_it_once(smtp_server):
    smtp_server.delay = 0.3  # a slow server: the others arrive while the first is sending
    message = pending_note()
    barrier = threading.Barrier(6)
    errors = []

    def deliver():
        try:
            barrier.wait()
            delivery.message_deliver(message_id=message.pk)
        except Exception as error:  # a failure in a thread must fail the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    message.refresh_from_db()
    assert errors == []
    assert message.status == OutgoingMessage.Status.SENT
    assert message.attempts == 1
    assert len(smtp_server.received) == 1


def test_a_message_is_not_sent_before_its_retry_is_due(db):
    message = pending_note(next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert delivery.message_deliver(message_id=message.pk) is None
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutgoingMessage.Status.PENDING, 0)
    assert mail.outbox == []


def test_a_stale_attempt_does_not_overwrite_a_newer_one(db, smtp_server):
    """A worker took so long that the sweep gave the message to another, which sent it."""
    message = pending_note()

    class SlowAndOverTaken:
        def __call__(self, outgoing):
            OutgoingMessage.objects.filter(pk=outgoing.pk).update(
                status=OutgoingMessage.Status.SENT, attempts=2
            )
            raise OSError("connection reset")

    with mock.patch.object(delivery, "_transmit", SlowAndOverTaken()):
        delivery.message_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 2, "")


# The sweep ------------------------------------------------------------------------------------


def test_the_sweep_sends_overdue_pending_messages_and_leaves_fresh_ones(db, settings):
    overdue = queue_note(dedupe_key="test:overdue")
    fresh = queue_note(dedupe_key="test:fresh")
    OutgoingMessage.objects.filter(pk=overdue.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS + 1)
    )

    assert outbox_sweep() == 1

    overdue.refresh_from_db()
    fresh.refresh_from_db()
    assert overdue.status == OutgoingMessage.Status.SENT
    assert fresh.status == OutgoingMessage.Status.PENDING


def test_the_sweep_sends_a_waiting_message_once_not_every_minute(db, settings):
    message = pending_note(
        next_attempt_at=timezone.now() - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS + 1)
    )
    assert delivery.outbox_sweep().handed == [message.pk]
    assert delivery.outbox_sweep().handed == []
    assert len(mail.outbox) == 1


def test_the_sweep_sends_again_at_once_a_message_left_sending_by_a_dead_worker(db, settings):
    message = queue_note()
    long_ago = timezone.now() - timedelta(seconds=settings.OUTBOX_SENDING_LEASE_SECONDS + 60)
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=OutgoingMessage.Status.SENDING, sending_since=long_ago, next_attempt_at=long_ago
    )
    assert delivery.outbox_sweep().handed == [message.pk]  # not left for a later sweep
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutgoingMessage.Status.SENT, 1)
    assert "worker stopped" in message.last_error or message.last_error == ""


def test_the_sweep_leaves_a_message_that_is_being_sent_now(db):
    message = queue_note()
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=OutgoingMessage.Status.SENDING, sending_since=timezone.now()
    )
    delivery.outbox_sweep()
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENDING


# The admin ------------------------------------------------------------------------------------


def test_programme_staff_see_failed_messages_and_retry_them(
    client, programme_staff, django_capture_on_commit_callbacks
):
    message = queue_note()
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=OutgoingMessage.Status.FAILED, attempts=8, last_error="550 No such mailbox"
    )
    client.force_login(programme_staff)
    changelist = reverse("admin:sanctuary_outgoingmessage_changelist")

    page = client.get(changelist, {"status__exact": "failed"})
    assert page.status_code == 200
    assert "a…@example.org" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist, {"action": "retry_failed", "_selected_action": [message.pk]}
        )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert AuditEvent.objects.filter(action="message.retry", actor=programme_staff).exists()


def test_reviewers_cannot_see_the_outbox(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("admin:sanctuary_outgoingmessage_changelist"))
    assert response.status_code == 403


def test_the_outbox_list_makes_the_same_number_of_queries_however_long_it_is(
    client, programme_staff, django_assert_max_num_queries
):
    client.force_login(programme_staff)
    url = reverse("admin:sanctuary_outgoingmessage_changelist")
    for number in range(3):
        queue_note(dedupe_key=f"test:few:{number}")
    # One of them reads today's count of texts, for the daily cap's banner.
    with django_assert_max_num_queries(13) as few:
        client.get(url)
    for number in range(60):
        queue_note(dedupe_key=f"test:many:{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# Retention ------------------------------------------------------------------------------------


def test_finished_messages_forget_their_recipient_after_the_keeping_time(db, settings):
    long_ago = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_DAYS + 1)
    sent = pending_note(dedupe_key="old:sent", status="sent", created_at=long_ago)
    failed = pending_note(
        dedupe_key="old:failed", status="failed", created_at=long_ago, last_error="550 amal@…"
    )
    waiting = pending_note(dedupe_key="old:pending", created_at=long_ago)
    recent = pending_note(dedupe_key="new:sent", status="sent")

    assert delivery.outbox_anonymise() == 2

    for message in (sent, failed):
        message.refresh_from_db()
        assert (message.recipient, message.context, message.last_error) == ("", {}, "")
        assert message.template == "test_note"  # still counted
        assert message.masked_recipient == "–"
    for message in (waiting, recent):
        message.refresh_from_db()
        assert message.recipient == "amal@example.org"


def test_a_message_whose_subject_changed_before_sending_is_not_sent(db):
    from sanctuary.outbox import MessageNotNeeded, context_builder

    @context_builder("test_note_obsolete")
    def _obsolete(context):
        raise MessageNotNeeded("the booking was cancelled")

    message = queue_note(template="test_note_obsolete", dedupe_key="obsolete:1")

    assert delivery.message_deliver(message_id=message.pk) is None

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.NOT_NEEDED
    assert "cancelled" in message.last_error
    assert mail.outbox == []
