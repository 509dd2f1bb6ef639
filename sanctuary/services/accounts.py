"""Every write the shared pieces make: messages, the audit trail, team accounts."""

import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation

from sanctuary.models import AuditEvent, OutgoingMessage, User
from sanctuary.outbox import (
    MessageNotNeeded,
    context_builder,
    is_temporary_failure,
    render_message,
)
from sanctuary.roles import ROLES_WITH_ADMIN_ACCESS, Role
from sanctuary.sms import get_sms_backend

logger = logging.getLogger(__name__)


# Audit trail ------------------------------------------------------------------------------------


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """Record that `actor` did `action` to `obj`. Call it inside the transaction of the change."""
    event = AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        detail=detail or {},
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:200]
    event.full_clean()
    event.save()
    return event


# Outgoing messages ------------------------------------------------------------------------------


def _language_or_default(language: str) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def message_queue(
    *,
    channel: str,
    recipient: str,
    template: str,
    dedupe_key: str,
    language: str = "",
    context: dict | None = None,
) -> OutgoingMessage:
    """Write a message in the caller's transaction and send it once that transaction commits.

    A message whose dedupe key is already in the outbox is not written again: the existing one
    is returned, so a repeated call never sends twice.
    """
    existing = OutgoingMessage.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        return existing
    message = OutgoingMessage(
        channel=channel,
        recipient=recipient,
        language=_language_or_default(language or translation.get_language() or ""),
        template=template,
        context=context or {},
        dedupe_key=dedupe_key,
    )
    message.full_clean(validate_unique=False)
    try:
        # A savepoint, so that losing a race for the dedupe key leaves the caller's
        # transaction usable.
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return OutgoingMessage.objects.get(dedupe_key=dedupe_key)
    _send_on_commit(message.pk)
    return message


def _send_on_commit(message_id: int) -> None:
    from sanctuary.tasks import send_message

    def enqueue():
        send_message.delay(message_id)

    # robust: if the broker is down the change still stands; the sweep sends the message later.
    transaction.on_commit(enqueue, robust=True)


def _retry_delay(attempts: int) -> int:
    return min(settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1), 3600)


def message_deliver(*, message_id: int) -> int | None:
    """Send one pending message, at most once.

    Returns the number of seconds after which to try again when sending failed for now, and
    None when there is nothing more to do (sent, failed for good, no longer needed, or not ours
    to send: already sent, or another worker holds it).
    """
    now = timezone.now()
    with transaction.atomic():
        message = (
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(
                pk=message_id,
                status=OutgoingMessage.Status.PENDING,
                # Not before its retry is due (a little early is fine: clocks differ).
                next_attempt_at__lte=now + timedelta(seconds=5),
            )
            .first()
        )
        if message is None:
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
    email = EmailMessage(
        subject=subject,
        body=body,
        to=[message.recipient],
        headers={"Content-Language": message.language},
    )
    email.send(fail_silently=False)


def outbox_sweep() -> list[int]:
    """Find messages that should have gone by now and return their ids to send again.

    Catches a task that never reached the broker (an outage at commit time), a retry the broker
    lost, and a message left "sending" by a worker that died.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_STALE_SENDING_SECONDS)
    OutgoingMessage.objects.filter(
        status=OutgoingMessage.Status.SENDING, sending_since__lt=stale
    ).update(status=OutgoingMessage.Status.PENDING, next_attempt_at=now, updated_at=now)
    overdue = now - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    with transaction.atomic():
        message_ids = list(
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutgoingMessage.Status.PENDING, next_attempt_at__lte=overdue)
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:500]
        )
        # Due now, and not overdue again until the next sweep after that: a stopped worker
        # finds each message queued once, not once a minute.
        OutgoingMessage.objects.filter(pk__in=message_ids).update(next_attempt_at=now)
    return message_ids


def outbox_anonymise() -> int:
    """Forget who sent and failed messages went to once they are OUTBOX_KEEP_DAYS old.

    The channel, template, language, status and dates stay, for counts. Returns how many
    messages were anonymised.
    """
    now = timezone.now()
    return (
        OutgoingMessage.objects.filter(
            status__in=[
                OutgoingMessage.Status.SENT,
                OutgoingMessage.Status.FAILED,
                OutgoingMessage.Status.NOT_NEEDED,
            ],
            created_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_DAYS),
        )
        .exclude(recipient="")
        .update(recipient="", context={}, last_error="", updated_at=now)
    )


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


# Team accounts ----------------------------------------------------------------------------------


@transaction.atomic
def user_save(
    *,
    user: User,
    roles: Iterable[Group],
    actor: User | None,
    venues: Iterable | None = None,
    changed: Iterable[str] = (),
    password: str | None = None,
) -> User:
    """Save a team member's account and roles, as staff edit it in the admin.

    A new account has no password: its owner is emailed a link to set one (demo data and
    tests may give a password instead). Admin access follows the roles. Only what really
    changed is written to the audit trail.
    """
    created = user.pk is None
    if created and password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    roles_before = set() if created else set(user.groups.values_list("name", flat=True))
    user.groups.set(roles)
    if venues is not None:
        # Where a volunteer takes attendance.
        user.venues.set(venues)
    roles_after = set(user.groups.values_list("name", flat=True))
    needs_admin = user.is_superuser or any(role in roles_after for role in ROLES_WITH_ADMIN_ACCESS)
    if user.is_staff != needs_admin:
        user.is_staff = needs_admin
        user.save(update_fields=["is_staff"])
    # allauth also signs people in by the addresses it has on record: keep only the current one.
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()

    if created:
        audit_record(
            actor=actor, action="user.create", obj=user, detail={"roles": sorted(roles_after)}
        )
        if not password:
            user_invite(user=user, actor=actor)
        return user
    fields = sorted(set(changed) - {"groups"})
    detail = {"fields": fields} if fields else {}
    if roles_after != roles_before:
        detail["roles"] = sorted(roles_after)
    if detail:
        audit_record(actor=actor, action="user.update", obj=user, detail=detail)
    return user


def user_create(
    *,
    email: str,
    roles: Iterable[Role],
    actor: User | None,
    venues: Iterable | None = None,
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
    password: str | None = None,
) -> User:
    """Create a team member's account; they are emailed a link to set their password."""
    user = User(email=email, first_name=first_name, last_name=last_name, language=language)
    groups = Group.objects.filter(name__in=[role.value for role in roles])
    return user_save(user=user, roles=groups, venues=venues, actor=actor, password=password)


def user_invite(*, user: User, actor: User | None) -> OutgoingMessage:
    """Email a team member a link to set their password, in their language."""
    with transaction.atomic():
        audit_record(actor=actor, action="user.invite", obj=user)
        return _set_password_message(user=user, template="staff_invitation")


def user_password_reset_send(*, user: User) -> OutgoingMessage:
    """Email the link someone asked for on the "set your password" page."""
    return _set_password_message(user=user, template="password_reset")


def _set_password_message(*, user: User, template: str) -> OutgoingMessage:
    return message_queue(
        channel=OutgoingMessage.Channel.EMAIL,
        recipient=user.email,
        template=template,
        # Every request is its own message: a second one is sent on purpose.
        dedupe_key=f"{template}:user:{user.pk}:{uuid.uuid4().hex}",
        language=user.language,
        context={"user_id": user.pk},
    )


@context_builder("staff_invitation")
@context_builder("password_reset")
def _set_password_context(context: dict) -> dict:
    # The link is made when the message is sent, so no token is ever stored in the outbox.
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = User.objects.get(pk=context["user_id"])
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return {
        "name": user.first_name,
        "set_password_url": settings.SITE_URL + path,
        "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
