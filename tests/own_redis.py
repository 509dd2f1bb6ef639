"""A Redis of the test's own, on a free port, that it can stop and start again: an outage of
the cache and the Celery broker, made on purpose."""

import socket
import subprocess

import kombu.pools
import pytest

from sanctuary.celery import app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """redis-server on a free port, keeping nothing on disk. The cache is its database 1 and
    the broker its database 0."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def cache_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/1"

    @property
    def broker_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--loglevel", "notice"),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        # Return once it says it takes connections (it writes that line when it does).
        for line in self.process.stdout:
            if "Ready to accept connections" in line:
                break
        else:
            raise RuntimeError("redis-server did not start")
        self.process.stdout.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _celery_connections_forget() -> None:
    """Close the app's broker connections and forget them, so the next publish connects to
    the broker_url now set."""
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def own_redis(settings):
    """A Redis of this test's own as the cache and the Celery broker (tasks still run
    in-process unless the test also takes `broker`); `own_redis.stop()` and `.start()` make an
    outage."""
    server = RedisServer()
    server.start()
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "BACKEND": "sanctuary.cache.FallbackRedisCache",
            "LOCATION": server.cache_url,
        }
    }
    original_broker = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL = server.broker_url
    _celery_connections_forget()
    yield server
    _celery_connections_forget()
    app.conf.broker_url = original_broker
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def own_broker(own_redis, broker):
    """Tasks go through the test's own Redis (`own_redis`), which the test can stop."""
    yield own_redis
    if own_redis.process.poll() is not None:
        own_redis.start()  # for `broker` to empty the queue
