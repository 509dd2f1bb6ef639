"""Sending what is in the outbox: one message at most once, and forgetting old recipients. The
sweep for what a lost task left behind, and batches, are in sanctuary.sending. The Celery tasks
in sanctuary/tasks.py call these."""

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
from sanctuary.outbox import (
    MessageNotNeeded,
    email_of,
    is_temporary_failure,
    render_message,
    retry_delay,
)
from sanctuary.sending import outbox_sweep  # noqa: F401 (the sweep's name, as tasks call it)
from sanctuary.sms.sending import SmsHeld, sms_send

logger = logging.getLogger(__name__)


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
        sent = _transmit(message)
    except SmsHeld as held:
        # Held by rule, not failed: the attempt is given back and the sweep sends it when due.
        logger.info("Message %s is held until %s: %s", message.pk, held.until, held)
        sending.update(
            status=OutgoingMessage.Status.PENDING,
            attempts=message.attempts - 1,
            next_attempt_at=held.until,
            last_error=str(held)[:2000],
            sending_since=None,
            updated_at=timezone.now(),
        )
        return None
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
            delay = retry_delay(message.attempts)
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
        **sent,
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


def _transmit(message: OutgoingMessage) -> dict:
    """Send the message; return what else to record on it once sent."""
    subject, body = render_message(
        template=message.template,
        channel=message.channel,
        language=message.language,
        context=message.context,
    )
    if message.channel == OutgoingMessage.Channel.SMS:
        return {"provider_message_id": sms_send(message=message, body=body)[:64]}
    _send_email(email_of(message, subject, body))
    return {}


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
