"""The cache and task queuing when Redis is away: answered from memory, never an error, one
warning per outage, and no wait on a server that does not answer."""

import logging
import time

import pytest
from django.core.cache import cache, caches

from sanctuary.cache import Breaker
from sanctuary.celery import app
from sanctuary.queueing import broker_breaker, enqueue
from sanctuary.tasks import outbox_anonymise


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_after_a_failure_the_breaker_waits_before_trying_again():
    clock = FakeClock()
    breaker = Breaker(name="Part", retry_after=5, clock=clock)
    assert breaker.closed()

    breaker.failed(ConnectionError("refused"))
    clock.now += 4.9
    assert not breaker.closed()
    clock.now += 0.1
    assert breaker.closed()


def test_the_breaker_warns_once_per_outage(caplog):
    breaker = Breaker(name="Part", retry_after=0)
    with caplog.at_level(logging.INFO, logger="sanctuary.cache"):
        for _ in range(5):
            breaker.failed(ConnectionError("refused"))
        breaker.succeeded()
        breaker.succeeded()
        breaker.failed(ConnectionError("refused again"))

    assert [record.getMessage().split(" (")[0] for record in caplog.records] == [
        "Part is away",
        "Part is back",
        "Part is away",
    ]


@pytest.mark.redis
def test_the_cache_answers_from_memory_while_redis_is_away(own_redis):
    own_redis.stop()

    assert cache.add("counter", 1, timeout=60) is True
    assert cache.incr("counter") == 2
    assert cache.get("counter") == 2
    cache.delete("counter")
    assert cache.get("counter") is None


@pytest.mark.redis
def test_while_the_breaker_is_open_redis_is_not_asked(own_redis):
    cache.set("where", "redis")
    own_redis.stop()
    cache.set("where", "memory")  # Redis refuses: the breaker opens for some seconds
    own_redis.start()

    assert cache.get("where") == "memory"


@pytest.mark.redis
def test_the_cache_goes_back_to_redis_once_it_returns(own_redis):
    caches["default"].breaker.retry_after = 0
    own_redis.stop()
    cache.set("where", "memory")
    own_redis.start()

    cache.set("where", "redis")

    assert caches["default"].fallback.get("where") == "memory"
    assert cache.get("where") == "redis"


@pytest.mark.redis
def test_queuing_a_task_with_the_broker_away_fails_fast_and_once(own_broker, caplog):
    own_broker.stop()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="sanctuary.cache"):
        queued = [enqueue(outbox_anonymise) for _ in range(20)]
    took = time.monotonic() - started

    assert queued == [False] * 20
    assert not broker_breaker().closed()
    assert len(caplog.records) == 1
    assert took < 0.5, f"20 tasks queued in {took:.2f} s with the broker away"


@pytest.mark.redis
def test_queuing_a_task_with_the_broker_up_publishes_it(own_broker):
    assert enqueue(outbox_anonymise) is True

    assert app.control.purge() == 1  # it was waiting in the test's own Redis


@pytest.mark.redis
def test_a_broker_lost_after_a_publish_is_given_up_on_at_once(own_broker):
    assert enqueue(outbox_anonymise) is True  # connected
    own_broker.stop()

    started = time.monotonic()
    assert enqueue(outbox_anonymise) is False
    took = time.monotonic() - started

    assert not broker_breaker().closed()
    assert took < 0.3, f"{took:.2f} s to give up on a broker that went away"
