"""Celery tasks for the outbox. Each takes only ids and calls a function of sanctuary.delivery."""

from celery import shared_task
from django.conf import settings

from sanctuary import delivery, sending
from sanctuary.heartbeats import heartbeat_record


# One send is bounded well within its lease (OUTBOX_SENDING_LEASE_SECONDS): stopped at the soft
# limit (a temporary failure), its process killed at the hard one. The limits hold in the
# default prefork pool; the solo and threads pools do not enforce them.
@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=settings.OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS,
    time_limit=settings.OUTBOX_SEND_TIME_LIMIT_SECONDS,
)
def send_message(message_id: int) -> None:
    retry_in = delivery.message_deliver(message_id=message_id)
    if retry_in is not None and not send_message.app.conf.task_always_eager:
        # A lost retry is not a lost message: the sweep finds it once it is overdue.
        send_message.apply_async((message_id,), countdown=retry_in)


def _retry_later(retries: list[tuple[int, int]]) -> None:
    # This task came through the broker, so it answers: publish without the request path's
    # breaker (sanctuary.queueing), which may still be open in this process. A lost retry is
    # not a lost message: the sweep finds it once it is overdue.
    if send_message.app.conf.task_always_eager:
        return
    for message_id, delay in retries:
        send_message.apply_async((message_id,), countdown=delay)


@shared_task(acks_late=True, ignore_result=True)
def send_messages(dedupe_keys: list[str]) -> int:
    """Send the messages one change queued (sanctuary.services.messages_queue), as one batch
    over one connection."""
    result = sending.messages_send(dedupe_keys=dedupe_keys)
    _retry_later(result.retries)
    return result.sent


@shared_task(ignore_result=True)
def outbox_sweep() -> int:
    heartbeat_record(name="beat")  # beat runs this every minute: readiness reads it
    result = sending.outbox_sweep()
    _retry_later(result.retries)
    return len(result.handed)


@shared_task(ignore_result=True)
def outbox_anonymise() -> int:
    return delivery.outbox_anonymise()
