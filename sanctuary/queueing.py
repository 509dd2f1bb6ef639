"""Queuing a task from a request without waiting on a broker that is away.

A task queued from a request only hurries along work that is already safe in PostgreSQL (an
outbox row the sweep sends anyway), so a publish that fails is not worth a retry, a wait or a
traceback: `enqueue` publishes once, with one try to connect and without Celery's retries,
and after a failure does not try the broker again for BROKER_RETRY_AFTER_SECONDS (one warning
per outage, per process).
"""

from celery import Task
from django.conf import settings
from kombu.exceptions import OperationalError

from sanctuary.cache import REDIS_AWAY, breaker_for


def broker_breaker():
    return breaker_for("Celery broker", retry_after=settings.BROKER_RETRY_AFTER_SECONDS)


def enqueue(task: Task, *args) -> bool:
    """Queue `task(*args)`; False if the broker is away (the work waits for the sweep).

    With tasks run in-process (the embedded default) the task runs here, as `delay` would."""
    if task.app.conf.task_always_eager:
        task.apply_async(args)
        return True
    breaker = broker_breaker()
    if not breaker.closed():
        return False
    try:
        with task.app.producer_or_acquire() as producer:
            # One try to connect, without kombu's waits between tries (0.6 s in all).
            producer.connection.ensure_connection(max_retries=0)
            task.apply_async(args, producer=producer, retry=False)
    except (OperationalError, *REDIS_AWAY) as error:
        breaker.failed(error)
        return False
    breaker.succeeded()
    return True
