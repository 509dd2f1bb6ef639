"""Rate limits for the public forms: so many tries per client in a time window, counted in the
cache (Redis in production, shared by every process)."""

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


def rate_limit_hit(request, *, scope: str, limit: int, period: int) -> bool:
    """Count one try at `scope` from this client. True once it is over `limit` per `period`
    seconds; the window starts at the first try."""
    key = f"ratelimit:{scope}:{client_key(request)}"
    if cache.add(key, 1, timeout=period):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=period)
        count = 1
    return count > limit
