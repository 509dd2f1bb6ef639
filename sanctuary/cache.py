"""The Django cache on Redis, for when Redis is away: it never raises on a lost connection.

The cache holds counters for rate limits (ours and allauth's sign-in limits) and public pages
rendered for everyone (sanctuary.pagecache); nothing a booking or an application needs. When
Redis does not answer, each operation is served from a per-process memory cache instead, and
Redis is not asked again for RETRY_AFTER seconds (a circuit breaker), so no request waits on
a dead server. Limits then still hold, per process (looser by the number of processes) rather
than not at all, and no write goes to PostgreSQL,
which the bookings need. One warning is logged when Redis goes away and one line (INFO) when
it is back, per process, not one per request.

    CACHES = {"default": {"BACKEND": "sanctuary.cache.FallbackRedisCache", "LOCATION": ...,
                          "RETRY_AFTER": 5, "OPTIONS": {"socket_connect_timeout": 0.25, ...}}}
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# What "Redis is away" looks like: refused, reset, unreachable, too slow.
REDIS_AWAY = (RedisConnectionError, RedisTimeoutError, OSError)


class Breaker:
    """Whether to try a part that has just failed: after a failure, not for `retry_after`
    seconds. One per part per process (threads share it)."""

    def __init__(self, *, name: str, retry_after: float, clock=time.monotonic):
        self.name = name
        self.retry_after = retry_after
        self._clock = clock
        self._lock = threading.Lock()
        self._retry_at = 0.0  # monotonic; 0 while the part answers
        self.away = False

    def closed(self) -> bool:
        """May we try the part now?"""
        return self._clock() >= self._retry_at

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self._retry_at = self._clock() + self.retry_after
            if self.away:
                return
            self.away = True
        logger.warning(
            "%s is away (%s: %s); not asking it again for %g s at a time",
            self.name,
            type(error).__name__,
            error,
            self.retry_after,
        )

    def succeeded(self) -> None:
        if not self.away:
            return
        with self._lock:
            if not self.away:
                return
            self.away = False
            self._retry_at = 0.0
        logger.info("%s is back", self.name)

    def reset(self) -> None:
        with self._lock:
            self.away = False
            self._retry_at = 0.0


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(name: str, *, retry_after: float) -> Breaker:
    """The process's breaker called `name` (Django makes a cache object per thread; the
    breaker and the fallback memory are shared by all of them)."""
    with _breakers_lock:
        if name not in _breakers:
            _breakers[name] = Breaker(name=name, retry_after=retry_after)
        return _breakers[name]


def breakers_reset() -> None:
    """Forget every outage (for tests that start and stop their own Redis)."""
    with _breakers_lock:
        for breaker in _breakers.values():
            breaker.reset()


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, which makes a new redis-py client (over the same pool) for every
    operation; this one keeps one per pool: redis-py's client is safe to share between threads,
    and making it cost a public page from the cache a fifth of its time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FallbackRedisCache(RedisCache):
    """Django's Redis cache, answering from this process's memory while Redis is away."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        # Fail at once: the breaker, not redis-py's retries, decides when to try again.
        self._options = {"retry": Retry(NoBackoff(), 0), **self._options}
        self.breaker = breaker_for(
            f"Redis cache at {self._servers[0].rsplit('@', 1)[-1]}",
            retry_after=float(params.get("RETRY_AFTER", 5)),
        )
        # LocMemCache keeps its entries per name, per process: every thread's object shares
        # them. Room for the counters of many clients, so an outage does not cull them early.
        self.fallback = LocMemCache(
            f"fallback:{server}", {**params, "OPTIONS": {"MAX_ENTRIES": 10_000}}
        )

    def _either(self, name, *args, **kwargs):
        if self.breaker.closed():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except REDIS_AWAY as error:
                self.breaker.failed(error)
            else:
                self.breaker.succeeded()
                return result
        return getattr(self.fallback, name)(*args, **kwargs)

    def ping(self) -> None:
        """Ask Redis itself, whatever the breaker says (for readiness); raises if away."""
        self._cache.get_client().ping()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._either("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._either("delete", key, version)

    def get_many(self, keys, version=None):
        return self._either("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._either("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._either("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._either("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._either("delete_many", keys, version)

    def clear(self):
        self.fallback.clear()
        return self._either("clear")
