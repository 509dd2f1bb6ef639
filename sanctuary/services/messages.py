"""Outgoing messages: written in the caller's transaction, sent by a task once it commits."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from sanctuary.models import OutgoingMessage, User
from sanctuary.queueing import enqueue
from sanctuary.selectors import messages_about
from sanctuary.services.audit import audit_record
from sanctuary.tasks import send_message, send_messages


def _language_or_default(language: str) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def message_new(
    *,
    channel: str,
    recipient: str,
    template: str,
    dedupe_key: str,
    subject: models.Model,
    language: str = "",
    context: dict | None = None,
) -> OutgoingMessage:
    """A message, checked but not yet written: give it to `messages_queue` with the others the
    same change causes."""
    message = OutgoingMessage(
        channel=channel,
        recipient=recipient,
        language=_language_or_default(language or translation.get_language() or ""),
        template=template,
        context=context or {},
        dedupe_key=dedupe_key,
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        subject_id=subject.pk,
    )
    # Every field but the recipient is set by our own code; the recipient, which someone typed,
    # is checked (a whole full_clean of each of a big week's reminders is most of its time).
    message.clean()
    return message


def message_queue(
    *,
    channel: str,
    recipient: str,
    template: str,
    dedupe_key: str,
    subject: models.Model,
    language: str = "",
    context: dict | None = None,
) -> OutgoingMessage:
    """Write a message in the caller's transaction and send it once that transaction commits.

    `subject` is what the message is about (a booking, an application, an account): forgetting
    that thing forgets the message too (`messages_forget`). A message whose dedupe key is
    already in the outbox is not written again: the existing one is returned, so a repeated
    call never sends twice.
    """
    existing = OutgoingMessage.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    message = message_new(
        channel=channel,
        recipient=recipient,
        template=template,
        dedupe_key=dedupe_key,
        subject=subject,
        language=language,
        context=context,
    )
    try:
        # A savepoint, so that losing a race for the dedupe key leaves the caller's
        # transaction usable.
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return OutgoingMessage.objects.get(dedupe_key=dedupe_key)
    _send_on_commit(message.pk)
    return message


def messages_queue(messages: list[OutgoingMessage]) -> int:
    """Write many messages (made by `message_new`) in the caller's transaction, in one query,
    and hand them to the workers in batches once it commits.

    A message whose dedupe key is already in the outbox is left out (INSERT … ON CONFLICT DO
    NOTHING on the unique key), so a repeated or concurrent call never queues one twice; the
    batch task sends only those still pending. Returns how many were given.
    """
    if not messages:
        return 0
    OutgoingMessage.objects.bulk_create(messages, ignore_conflicts=True)
    keys = [message.dedupe_key for message in messages]
    transaction.on_commit(lambda: _send_batches_on_commit(keys), robust=True)
    return len(messages)


def _send_batches_on_commit(keys: list[str]) -> None:
    size = settings.OUTBOX_BATCH_SIZE
    for start in range(0, len(keys), size):
        if not enqueue(send_messages, keys[start : start + size]):
            return  # the broker is away: the sweep sends them


def messages_forget(*, subjects: models.QuerySet) -> int:
    """Forget who every message about these objects went to, and what it said.

    The channel, template, language, status and dates stay, for counts. A message not yet sent
    can no longer be: it is marked not needed. Returns how many messages were forgotten.
    """
    now = timezone.now()
    about = messages_about(subjects)
    about.filter(status__in=OutgoingMessage.UNFINISHED).update(
        status=OutgoingMessage.Status.NOT_NEEDED, sending_since=None, updated_at=now
    )
    return about.exclude(recipient="", context={}).update(
        recipient="", context={}, last_error="", updated_at=now
    )


def _send_on_commit(message_id: int) -> None:
    # If the broker is away the change still stands, at once: the sweep sends the message later.
    transaction.on_commit(lambda: enqueue(send_message, message_id), robust=True)


@transaction.atomic
def message_retry(*, message: OutgoingMessage, actor: User) -> bool:
    """Give a failed message a fresh set of attempts. Returns False if it had not failed."""
    updated = OutgoingMessage.objects.filter(
        pk=message.pk, status=OutgoingMessage.Status.FAILED
    ).update(
        status=OutgoingMessage.Status.PENDING,
        attempts=0,
        next_attempt_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not updated:
        return False
    audit_record(actor=actor, action="message.retry", obj=message)
    _send_on_commit(message.pk)
    return True
