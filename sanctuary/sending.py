"""Sending many messages at once: the batch a change queued (sanctuary.services.messages_queue)
and the sweep of what is overdue, both over one SMTP connection per batch.

A batch is claimed in one statement (UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED
LIMIT n) RETURNING …): each message in it is marked "sending" on the same lease as a single
send (OUTBOX_SENDING_LEASE_SECONDS), so two workers never hold the same message and a worker
that dies mid-batch leaves its messages to the sweep once the lease runs out. The lease holds
for a batch as for one message: no send starts later than OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS
before the batch's lease ends (the rest go back to pending, untried), and a send still going
when that much time has passed since it started is hung up on (a temporary failure: it may
have gone). Outcomes are written in a few statements per batch, each only for rows still held
on this batch's lease, so a late writer never overwrites a newer attempt.
"""

import contextlib
import logging
import socket
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.utils import timezone

from sanctuary import rules
from sanctuary.locks import lock_free
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import (
    MessageNotNeeded,
    email_of,
    is_temporary_failure,
    load_for_batch,
    render_message,
    retry_delay,
)
from sanctuary.sms.sending import SmsHeld, sms_send, sms_tidy

logger = logging.getLogger(__name__)


@dataclass
class BatchResult:
    """What one batch or one sweep did: the ids handed to a sender (SMTP or SMS, whatever
    came of it), how many were sent, and the temporary failures to try again, as
    (id, seconds)."""

    handed: list[int] = field(default_factory=list)
    sent: int = 0
    retries: list[tuple[int, int]] = field(default_factory=list)

    def add(self, other: "BatchResult") -> None:
        self.handed += other.handed
        self.sent += other.sent
        self.retries += other.retries


def _claim(due: QuerySet, *, limit: int, now: datetime) -> list[OutgoingMessage]:
    """Mark up to `limit` of the `due` messages that no other worker holds as sending, on a
    lease that starts `now`, in one statement; return them as claimed."""
    table = OutgoingMessage._meta.db_table
    with transaction.atomic():
        # Compiled inside the transaction, as a row lock must be.
        chosen = (
            lock_free(due).order_by("next_attempt_at", "pk").values("pk")[:limit].query
        ).sql_with_params()
        # Only the table's name and the ORM's own SQL go into the text; values are parameters.
        claim = (
            f"UPDATE {table} SET status = %s, attempts = attempts + 1, "  # noqa: S608
            f"sending_since = %s, updated_at = %s WHERE id IN ({chosen[0]}) RETURNING *"
        )
        claimed = OutgoingMessage.objects.raw(
            claim, [OutgoingMessage.Status.SENDING, now, now, *chosen[1]]
        )
        # RETURNING keeps no order: longest due first, as chosen.
        return sorted(claimed, key=lambda message: (message.next_attempt_at, message.pk))


@contextlib.contextmanager
def _hang_up_after(email_connection, seconds: float):
    """Hang up the SMTP connection if the send inside takes longer than `seconds`: the send
    then fails with a connection error, so it ends within the lease."""
    smtp = getattr(email_connection, "connection", None)
    sock = getattr(smtp, "sock", None)
    if sock is None:
        yield
        return

    def hang_up():
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(seconds, 0.0), hang_up)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


class _Batch:
    """One claimed batch, sent over one SMTP connection (opened at its first email)."""

    def __init__(self, messages: list[OutgoingMessage], leased_at: datetime):
        self.messages = messages
        self.leased_at = leased_at
        self.email_connection = None
        self.sent: list[int] = []
        self.not_needed: dict[str, list[int]] = defaultdict(list)
        self.untried: list[int] = []
        self.held: list[tuple[int, SmsHeld]] = []
        self.provider_ids: dict[int, str] = {}
        self.result = BatchResult()

    def ours(self, ids) -> QuerySet:
        """These rows, while they are still on this batch's lease."""
        return OutgoingMessage.objects.filter(
            pk__in=ids, status=OutgoingMessage.Status.SENDING, sending_since=self.leased_at
        )

    def send(self) -> BatchResult:
        lease = rules.sending_lease().total_seconds()
        one_send = settings.OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS
        # Late enough in the lease that a slow send might outlast it: leave the rest.
        last_start = self.leased_at + timedelta(seconds=lease - one_send - 5)
        load_for_batch(self.messages)
        if any(message.channel == OutgoingMessage.Channel.SMS for message in self.messages):
            sms_tidy()
        try:
            for index, message in enumerate(self.messages):
                if timezone.now() > last_start:
                    self.untried = [later.pk for later in self.messages[index:]]
                    break
                self.result.handed.append(message.pk)
                self._send_one(message, one_send)
        finally:
            self._hang_up()
        self._record()
        return self.result

    def _send_one(self, message: OutgoingMessage, one_send: float) -> None:
        started = time.monotonic()
        try:
            subject, body = render_message(
                template=message.template,
                channel=message.channel,
                language=message.language,
                context=message.context,
            )
            if message.channel == OutgoingMessage.Channel.SMS:
                self.provider_ids[message.pk] = sms_send(message=message, body=body)[:64]
            else:
                if self.email_connection is None:
                    self.email_connection = get_connection(fail_silently=False)
                    self.email_connection.open()
                with _hang_up_after(self.email_connection, one_send):
                    self.email_connection.send_messages([email_of(message, subject, body)])
        except SmsHeld as held:
            # Held by rule, not failed: the attempt is given back; it goes when due.
            logger.info("Message %s is held until %s: %s", message.pk, held.until, held)
            self.held.append((message.pk, held))
            return
        except MessageNotNeeded as reason:
            logger.info("Message %s is no longer needed: %s", message.pk, reason)
            self.not_needed[str(reason)[:2000]].append(message.pk)
            return
        except Exception as error:
            if message.channel == OutgoingMessage.Channel.EMAIL:
                self._hang_up()  # whatever state it is in, the next email gets a fresh one
            timed_out = time.monotonic() - started >= one_send
            self._failed(message, error, timed_out=timed_out)
            return
        self.sent.append(message.pk)

    def _hang_up(self) -> None:
        if self.email_connection is not None:
            # Whether they went is known by now; failing to say goodbye changes nothing.
            with contextlib.suppress(Exception):
                self.email_connection.close()
            self.email_connection = None

    def _failed(self, message: OutgoingMessage, error: Exception, *, timed_out: bool) -> None:
        error_text = f"{type(error).__name__}: {error}"[:2000]
        if timed_out:
            error_text = (
                f"Sending took longer than {settings.OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS} s and "
                "was stopped; it may have gone."
            )
        now = timezone.now()
        if is_temporary_failure(error) and message.attempts < settings.OUTBOX_MAX_ATTEMPTS:
            delay = retry_delay(message.attempts)
            logger.warning(
                "Message %s failed for now, retrying in %ss: %s", message.pk, delay, error_text
            )
            if self.ours([message.pk]).update(
                status=OutgoingMessage.Status.PENDING,
                next_attempt_at=now + timedelta(seconds=delay),
                last_error=error_text,
                sending_since=None,
                updated_at=now,
            ):
                self.result.retries.append((message.pk, delay))
            return
        logger.error("Message %s failed: %s", message.pk, error_text)
        self.ours([message.pk]).update(
            status=OutgoingMessage.Status.FAILED,
            last_error=error_text,
            sending_since=None,
            updated_at=now,
        )

    def _record(self) -> None:
        now = timezone.now()
        if self.provider_ids:
            # Each text's id at the provider, which its delivery receipts name; written while
            # the rows are still on this lease, before they are marked sent.
            self.ours(self.provider_ids).update(
                provider_message_id=Case(
                    *(When(pk=pk, then=Value(sid)) for pk, sid in self.provider_ids.items()),
                    default=F("provider_message_id"),
                )
            )
        if self.sent:
            self.result.sent = self.ours(self.sent).update(
                status=OutgoingMessage.Status.SENT,
                sent_at=now,
                sending_since=None,
                last_error="",
                updated_at=now,
            )
        for pk, held in self.held:
            self.ours([pk]).update(
                status=OutgoingMessage.Status.PENDING,
                attempts=F("attempts") - 1,
                next_attempt_at=held.until,
                last_error=str(held)[:2000],
                sending_since=None,
                updated_at=now,
            )
        for reason, ids in self.not_needed.items():
            self.ours(ids).update(
                status=OutgoingMessage.Status.NOT_NEEDED,
                last_error=reason,
                sending_since=None,
                updated_at=now,
            )
        if self.untried:
            # Back as they were, for the next batch: this attempt never began.
            self.ours(self.untried).update(
                status=OutgoingMessage.Status.PENDING,
                attempts=F("attempts") - 1,
                sending_since=None,
                updated_at=now,
            )


def _send_due(due: QuerySet, *, limit: int) -> tuple[BatchResult, int]:
    """Claim one batch of `due` and send it; also returns how many were claimed."""
    leased_at = timezone.now()
    messages = _claim(due, limit=limit, now=leased_at)
    if not messages:
        return BatchResult(), 0
    return _Batch(messages, leased_at).send(), len(messages)


def messages_send(*, dedupe_keys: list[str]) -> BatchResult:
    """Send the messages with these dedupe keys that are pending and due, as one batch (the
    task a change queues when it commits: sanctuary.services.messages_queue)."""
    due = OutgoingMessage.objects.filter(
        dedupe_key__in=dedupe_keys,
        status=OutgoingMessage.Status.PENDING,
        # A little early is fine: clocks differ (as for one message).
        next_attempt_at__lte=timezone.now() + timedelta(seconds=5),
    )
    return _send_due(due, limit=len(dedupe_keys))[0]


def _free_abandoned(now: datetime) -> list[int]:
    """Messages left "sending" by a worker that died (their lease ran out) go back to pending,
    to be sent again at once; one whose workers died on every allowed attempt fails."""
    with transaction.atomic():
        abandoned = list(
            lock_free(OutgoingMessage.objects.all())
            .filter(rules.sending_abandoned_q(now))
            .order_by("sending_since")
            .values_list("pk", "attempts")[: settings.OUTBOX_BATCH_SIZE * 10]
        )
        if not abandoned:
            return []
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
    return freed


def outbox_sweep(*, budget_seconds: float | None = None) -> BatchResult:
    """Send what should have gone by now, batch after batch, until nothing is left or the time
    budget (OUTBOX_SWEEP_BUDGET_SECONDS) is spent: the rate is the SMTP server's, not a fixed
    number a run.

    Catches a task that never reached the broker (an outage at commit time), a retry the broker
    lost, and a message left "sending" by a worker that died: that one is sent again at once,
    so it waits at most its lease and one sweep interval. A message whose workers died while
    sending it OUTBOX_MAX_ATTEMPTS times is marked failed, lest it stop worker after worker.
    """
    budget = settings.OUTBOX_SWEEP_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    started = time.monotonic()
    now = timezone.now()
    freed = _free_abandoned(now)
    overdue = now - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    due = OutgoingMessage.objects.filter(
        Q(next_attempt_at__lte=overdue) | Q(pk__in=freed), status=OutgoingMessage.Status.PENDING
    )
    result = BatchResult()
    while True:
        batch, claimed = _send_due(due, limit=settings.OUTBOX_BATCH_SIZE)
        result.add(batch)
        if claimed < settings.OUTBOX_BATCH_SIZE or time.monotonic() - started >= budget:
            break
        if not batch.handed:
            break  # nothing could start in time (an SMTP server far too slow): try next sweep
    return result
