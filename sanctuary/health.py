"""Readiness: which of the parts the site leans on answer now (django-health-check's checks).

Each check has a short name that the answer uses ("database", "cache", "broker", "outbox",
"beat"); what it says when something is missing names no host, password or person. With the
embedded default (no REDIS_URL: tasks run in-process, the cache is this process's memory)
there is no Redis, broker or beat to ask: those checks are skipped and the answer says so.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from sanctuary import selectors
from sanctuary.cache import REDIS_AWAY, FallbackRedisCache
from sanctuary.celery import app

SHORT = datetime.timedelta(seconds=2)


class _InThread:
    """A check that runs in a worker thread and uses the database closes its connection
    there, or each probe would leave one open."""

    def run(self):
        try:
            self.probe()
        finally:
            connections.close_all()


@dataclasses.dataclass
class Database(_InThread, HealthCheck):
    """PostgreSQL answers and every migration this code knows is applied."""

    name = "database"

    def probe(self):
        try:
            executor = MigrationExecutor(connection)
            unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as error:
            raise ServiceUnavailable("the database does not answer") from error
        if unapplied:
            raise ServiceUnavailable(f"migrations not applied: {len(unapplied)}")


@dataclasses.dataclass
class Cache(HealthCheck):
    """Redis, for the cache, answers (requests are served from memory meanwhile)."""

    name = "cache"
    timeout = SHORT

    def run(self):
        try:
            caches["default"].ping()
        except REDIS_AWAY as error:
            raise ServiceUnavailable("Redis does not answer") from error


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker takes connections (messages wait in the outbox meanwhile)."""

    name = "broker"
    timeout = SHORT

    def run(self):
        try:
            with app.connection_for_write() as broker:
                broker.ensure_connection(max_retries=1, interval_start=0, timeout=1)
        except Exception as error:  # kombu's errors vary by transport
            raise ServiceUnavailable("the broker does not answer") from error


@dataclasses.dataclass
class Outbox(_InThread, HealthCheck):
    """Messages are going out: not too many pending, none due for too long."""

    name = "outbox"

    def probe(self):
        pending, first_due = selectors.outbox_backlog()
        if pending > settings.READY_OUTBOX_MAX_PENDING:
            raise ServiceUnavailable(f"{pending} messages pending")
        overdue = (timezone.now() - first_due).total_seconds() if first_due else 0
        if overdue > settings.READY_OUTBOX_MAX_OVERDUE_SECONDS:
            raise ServiceUnavailable(f"a message has waited {overdue:.0f} s past its time")


@dataclasses.dataclass
class Beat(_InThread, HealthCheck):
    """Beat is running: it swept the outbox (and so recorded a heartbeat) lately."""

    name = "beat"

    def probe(self):
        beaten_at = selectors.heartbeat_at(name="beat")
        if beaten_at is None:
            raise ServiceUnavailable("beat has never run")
        age = (timezone.now() - beaten_at).total_seconds()
        if age > settings.READY_BEAT_MAX_AGE_SECONDS:
            raise ServiceUnavailable(f"beat last ran {age:.0f} s ago")


def tasks_in_process() -> bool:
    return bool(app.conf.task_always_eager)


def readiness_checks() -> tuple[list[HealthCheck], dict[str, str]]:
    """The checks that apply to this configuration, and those skipped, with why."""
    checks: list[HealthCheck] = [Database(), Outbox()]
    skipped = {}
    if isinstance(caches["default"], FallbackRedisCache):
        checks.append(Cache())
    else:
        skipped["cache"] = "the cache is in this process's memory"
    if tasks_in_process():
        skipped["broker"] = skipped["beat"] = "tasks run in-process"
    else:
        checks += [Broker(), Beat()]
    return checks, skipped
