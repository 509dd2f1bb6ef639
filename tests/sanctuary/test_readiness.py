"""Liveness (/healthz: the process answers) and readiness (/healthz/ready: the parts it leans
on answer), for a load balancer and an uptime monitor."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from sanctuary import services
from sanctuary.heartbeats import heartbeat_record
from sanctuary.models import Heartbeat, OutgoingMessage, User
from sanctuary.tasks import outbox_sweep

READY = "/healthz/ready"


def ready(client):
    response = client.get(READY)
    return response.status_code, response.json()


@pytest.mark.django_db
def test_liveness_asks_nothing_of_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestWithRedisAndABroker:
    @pytest.fixture(autouse=True)
    def beat_ran(self, own_broker):
        heartbeat_record(name="beat")
        return own_broker

    def test_ready_when_every_part_answers(self, client):
        status, body = ready(client)

        assert status == 200
        assert body["ready"] is True
        assert body["checks"] == dict.fromkeys(
            ["database", "outbox", "cache", "broker", "beat"], "ok"
        )

    def test_not_ready_naming_redis_and_the_broker_while_redis_is_away(self, client, own_broker):
        own_broker.stop()

        status, body = ready(client)

        assert status == 503
        assert body["ready"] is False
        assert body["checks"]["cache"].startswith("Unavailable: Redis does not answer")
        assert body["checks"]["broker"].startswith("Unavailable: the broker does not answer")
        assert body["checks"]["database"] == "ok"
        assert str(own_broker.port) not in str(body)  # no address, no password

    def test_ready_again_once_redis_is_back(self, client, own_broker):
        own_broker.stop()
        assert ready(client)[0] == 503
        own_broker.start()

        assert ready(client)[0] == 200

    def test_not_ready_when_beat_has_not_run_lately(self, client, settings):
        Heartbeat.objects.update(beaten_at=timezone.now() - timedelta(minutes=5))
        settings.READY_BEAT_MAX_AGE_SECONDS = 180

        status, body = ready(client)

        assert status == 503
        assert body["checks"]["beat"] == "Unavailable: beat last ran 300 s ago"

    def test_not_ready_when_beat_has_never_run(self, client):
        Heartbeat.objects.all().delete()

        assert ready(client)[1]["checks"]["beat"] == "Unavailable: beat has never run"


def queue_note(number: int) -> OutgoingMessage:
    with transaction.atomic():
        return services.message_queue(
            channel=OutgoingMessage.Channel.EMAIL,
            recipient=f"person{number}@example.org",
            template="test_note",
            dedupe_key=f"readiness:{number}",
            language="en",
            context={"name": "Yusuf"},
            subject=User.objects.get_or_create(email="subject@example.org")[0],
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_not_ready_when_a_message_has_waited_too_long_past_its_time(client, settings):
    settings.READY_OUTBOX_MAX_OVERDUE_SECONDS = 600
    message = queue_note(1)
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=OutgoingMessage.Status.PENDING,
        next_attempt_at=timezone.now() - timedelta(minutes=11),
    )

    status, body = ready(client)

    assert status == 503
    assert body["checks"]["outbox"] == "Unavailable: a message has waited 660 s past its time"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_not_ready_when_too_many_messages_are_pending(client, settings):
    settings.READY_OUTBOX_MAX_PENDING = 2
    for number in range(3):
        queue_note(number)
    OutgoingMessage.objects.update(status=OutgoingMessage.Status.PENDING)

    status, body = ready(client)

    assert status == 503
    assert body["checks"]["outbox"] == "Unavailable: 3 messages pending"


@pytest.mark.django_db(transaction=True)
def test_the_embedded_default_skips_redis_the_broker_and_beat_and_says_so(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    status, body = ready(client)

    assert status == 200
    assert set(body["checks"]) == {"database", "outbox"}
    assert body["skipped"] == {
        "cache": "the cache is in this process's memory",
        "broker": "tasks run in-process",
        "beat": "tasks run in-process",
    }


@pytest.mark.django_db(transaction=True)
def test_readiness_is_never_cached_and_answers_over_plain_http(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(READY)

    assert response.status_code in {200, 503}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_each_outbox_sweep_records_beats_heartbeat(clock):
    outbox_sweep()
    first = Heartbeat.objects.get(name="beat").beaten_at
    clock.shift(timedelta(minutes=1))

    outbox_sweep()

    assert Heartbeat.objects.get(name="beat").beaten_at >= first + timedelta(minutes=1)
    assert Heartbeat.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_not_ready_while_a_migration_is_not_applied(client):
    loader = MigrationLoader(None, ignore_no_migrations=True)
    (latest,) = loader.graph.leaf_nodes("sanctuary")
    (before,) = [
        parent for parent in loader.graph.node_map[latest].parents if parent[0] == "sanctuary"
    ]
    call_command("migrate", "sanctuary", before[1], verbosity=0)
    try:
        status, body = ready(client)
    finally:
        call_command("migrate", "sanctuary", verbosity=0)

    assert status == 503
    assert body["checks"]["database"] == "Unavailable: migrations not applied: 1"
    assert ready(client)[0] == 200
