"""Sending what is in the outbox: one message at most once, the sweep for what a lost task left
behind, and forgetting old recipients. The Celery tasks in sanctuary/tasks.py call these."""

import contextlib
import logging
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from sanctuary import rules
from sanctuary.locks import lock_free
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import MessageNotNeeded, is_temporary_failure, render_message
from sanctuary.sms import get_sms_backend

logger = logging.getLogger(__name__)


def _retry_delay(attempts: int) -> int:
    return min(settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1), 3600)


def message_deliver(*, message_id: int) -> int | None:
    """Send one pending message, at most once.

    Also takes over a message whose worker died while sending it (its lease has run out), as
    when the broker hands a lost worker's task to another.

    Returns the number of seconds after which to try again when sending failed for now, and
    None when there is nothing more to do (sent, failed for good, no longer needed, or not ours
    to send: already sent, or another worker holds it).
    """
    now = timezone.now()
    with transaction.atomic():
        message = lock_free(OutgoingMessage.objects.all()).filter(pk=message_id).first()
        if message is None or not _may_send_now(message, now):
            return None
        message.status = OutgoingMessage.Status.SENDING
        message.attempts += 1
        message.sending_since = now
        message.save(update_fields=["status", "attempts", "sending_since", "updated_at"])

    # This attempt's row: if the sweep has given the message to another worker meanwhile, this
    # attempt's outcome must not overwrite that one's.
    sending = OutgoingMessage.objects.filter(
        pk=message.pk, status=OutgoingMessage.Status.SENDING, attempts=message.attempts
    )
    try:
        _transmit(message)
    except MessageNotNeeded as reason:
        logger.info("Message %s is no longer needed: %s", message.pk, reason)
        sending.update(
            status=OutgoingMessage.Status.NOT_NEEDED,
            last_error=str(reason)[:2000],
            sending_since=None,
            updated_at=timezone.now(),
        )
        return None
    except Exception as error:
        error_text = f"{type(error).__name__}: {error}"[:2000]
        if isinstance(error, SoftTimeLimitExceeded):
            # Stopped mid-send: the server may have taken it just then, or not. Sending it again
            # risks a second copy; not sending risks none at all, which is worse for a booking.
            error_text = (
                f"Sending took longer than {settings.OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS} s and "
                "was stopped; it may have gone."
            )
        if is_temporary_failure(error) and message.attempts < settings.OUTBOX_MAX_ATTEMPTS:
            delay = _retry_delay(message.attempts)
            logger.warning(
                "Message %s failed for now, retrying in %ss: %s", message.pk, delay, error_text
            )
            sending.update(
                status=OutgoingMessage.Status.PENDING,
                next_attempt_at=timezone.now() + timedelta(seconds=delay),
                last_error=error_text,
                sending_since=None,
                updated_at=timezone.now(),
            )
            return delay
        logger.error("Message %s failed: %s", message.pk, error_text)
        sending.update(
            status=OutgoingMessage.Status.FAILED,
            last_error=error_text,
            sending_since=None,
            updated_at=timezone.now(),
        )
        return None
    sending.update(
        status=OutgoingMessage.Status.SENT,
        sent_at=timezone.now(),
        sending_since=None,
        last_error="",
        updated_at=timezone.now(),
    )
    return None


def _may_send_now(message: OutgoingMessage, now: datetime) -> bool:
    """Pending and due (a little early is fine: clocks differ), or abandoned by a dead worker
    and not yet tried too often (then the sweep marks it failed)."""
    if message.status == OutgoingMessage.Status.PENDING:
        return message.next_attempt_at <= now + timedelta(seconds=5)
    return (
        rules.is_sending_abandoned(message, now) and message.attempts < settings.OUTBOX_MAX_ATTEMPTS
    )


def _transmit(message: OutgoingMessage) -> None:
    subject, body = render_message(
        template=message.template,
        channel=message.channel,
        language=message.language,
        context=message.context,
    )
    if message.channel == OutgoingMessage.Channel.SMS:
        get_sms_backend().send(to=message.recipient, body=body)
        return
    _send_email(
        EmailMessage(
            subject=subject,
            body=body,
            to=[message.recipient],
            headers={"Content-Language": message.language},
        )
    )


def _send_email(email: EmailMessage) -> None:
    connection = get_connection(fail_silently=False)
    connection.open()
    try:
        connection.send_messages([email])
    except SoftTimeLimitExceeded:
        # Out of time mid-send: hang up at once rather than wait up to EMAIL_TIMEOUT to say
        # goodbye to a server that is not answering, so the attempt ends before the hard limit.
        smtp = getattr(connection, "connection", None)
        if smtp is not None:
            smtp.close()
        raise
    finally:
        # Whether it went is known by now; failing to say goodbye changes nothing.
        with contextlib.suppress(Exception):
            connection.close()


def outbox_sweep() -> list[int]:
    """Find messages that should have gone by now and return their ids to send again.

    Catches a task that never reached the broker (an outage at commit time), a retry the broker
    lost, and a message left "sending" by a worker that died: that one is sent again at once,
    so it waits at most its lease and one sweep interval. A message whose workers died while
    sending it OUTBOX_MAX_ATTEMPTS times is marked failed, lest it stop worker after worker.
    """
    now = timezone.now()
    overdue = now - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    with transaction.atomic():
        abandoned = list(
            lock_free(OutgoingMessage.objects.all())
            .filter(rules.sending_abandoned_q(now))
            .order_by("sending_since")
            .values_list("pk", "attempts")[:500]
        )
        tried_enough = [
            pk for pk, attempts in abandoned if attempts >= settings.OUTBOX_MAX_ATTEMPTS
        ]
        freed = [pk for pk, attempts in abandoned if attempts < settings.OUTBOX_MAX_ATTEMPTS]
        OutgoingMessage.objects.filter(pk__in=tried_enough).update(
            status=OutgoingMessage.Status.FAILED,
            last_error="Its worker stopped before the send ended, on its last allowed attempt.",
            sending_since=None,
            updated_at=now,
        )
        OutgoingMessage.objects.filter(pk__in=freed).update(
            status=OutgoingMessage.Status.PENDING,
            next_attempt_at=now,
            last_error="Its worker stopped before the send ended (its lease ran out); sent again.",
            sending_since=None,
            updated_at=now,
        )
        overdue_ids = list(
            lock_free(OutgoingMessage.objects.all())
            .filter(status=OutgoingMessage.Status.PENDING, next_attempt_at__lte=overdue)
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:500]
        )
        # Due now, and not overdue again until the next sweep after that: a stopped worker
        # finds each message queued once, not once a minute.
        OutgoingMessage.objects.filter(pk__in=overdue_ids).update(next_attempt_at=now)
    return freed + overdue_ids


def outbox_anonymise() -> int:
    """Forget who sent and failed messages went to once they are OUTBOX_KEEP_DAYS old.

    The channel, template, language, status and dates stay, for counts. Returns how many
    messages were anonymised.
    """
    now = timezone.now()
    return (
        OutgoingMessage.objects.filter(
            status__in=OutgoingMessage.FINISHED,
            created_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_DAYS),
        )
        .exclude(recipient="")
        .update(recipient="", context={}, last_error="", updated_at=now)
    )
