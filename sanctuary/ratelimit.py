"""Rate limits for the public forms: so many tries per client in a time window, counted in the
cache (Redis in production, shared by every process).

rate_limit_hit counts every try. A form that should count only what it actually did (a sent
application, not a page of mistakes) takes a place with rate_limit_count just before it acts
(one atomic increment, so two requests at once cannot both take the last place) and gives it
back with rate_limit_uncount if it does not act after all; rate_limit_reached asks without
counting.
"""

import contextlib
import ipaddress

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def client_key(request) -> str:
    """The client's address, as allauth's sign-in limits see it (trusting as many proxies as
    TRUSTED_PROXY_COUNT says). An IPv6 client counts as its /64 network: one home or phone
    is given a whole /64 and could otherwise start afresh at every address in it."""
    address = ipaddress.ip_address(get_adapter(request).get_client_ip(request))
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _cache_key(request, scope: str) -> str:
    return f"ratelimit:{scope}:{client_key(request)}"


def rate_limit_count(request, *, scope: str, period: int) -> int:
    """Count one try at `scope` from this client and return how many there have been in this
    window of `period` seconds; the window starts at the first try."""
    key = _cache_key(request, scope)
    if cache.add(key, 1, timeout=period):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=period)
        return 1


def rate_limit_uncount(request, *, scope: str) -> None:
    """Give back a try counted by rate_limit_count that came to nothing."""
    with contextlib.suppress(ValueError):  # the window has ended meanwhile: nothing to give
        cache.decr(_cache_key(request, scope))


def rate_limit_reached(request, *, scope: str, limit: int) -> bool:
    """Has this client already used up its `limit` tries at `scope`? Counts nothing."""
    return (cache.get(_cache_key(request, scope)) or 0) >= limit


def rate_limit_hit(request, *, scope: str, limit: int, period: int) -> bool:
    """Count one try at `scope` from this client. True once it is over `limit` per `period`
    seconds; the window starts at the first try."""
    return rate_limit_count(request, scope=scope, period=period) > limit
