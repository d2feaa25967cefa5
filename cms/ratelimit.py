"""Per-address limits on what readers send, counted in the cache (shared by gunicorn workers
when REDIS_URL is set): comments and feedback requests count the same way, each form
sharing its counter with its API.

A cache outage degrades the limits, never the storage: a post the cache cannot count goes
through (with one warning in the log) rather than being refused or crashing.
"""

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def client_ip(request):
    """The reader's address: the first one in CLIENT_IP_HEADER when a trusted proxy sets it;
    "" when that is not an IP address (cms.input_guard refuses such a request)."""
    header = settings.CLIENT_IP_HEADER
    value = (header and request.META.get(header)) or request.META.get("REMOTE_ADDR", "")
    return valid_ip(value.split(",")[0].strip())


def valid_ip(text):
    """`text` as an IPv4 or IPv6 address the database's address fields take, or ""."""
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return ""
    if getattr(address, "scope_id", None):  # "fe80::1%eth0": PostgreSQL's inet has no zones
        return ""
    return str(address)


def count_hit(key, window):
    """Count one submission under `key` and return the count including it, or None when the
    cache cannot count. The window starts at the first submission and is fixed.

    `incr` is atomic in Redis and in local memory, so concurrent requests each get their own
    number: comparing it with the limit cannot overshoot.
    """
    try:
        count = _increment(key, window)
    except Exception:  # a cache that raises on an outage (no IGNORE_EXCEPTIONS)
        count = None
    # django-redis with IGNORE_EXCEPTIONS answers None instead of raising.
    return count if isinstance(count, int) else None


def _increment(key, window):
    try:
        return cache.incr(key)
    except ValueError:  # the first submission of the window
        pass
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)  # another request started the window a moment earlier
    except ValueError:  # … and it expired in between
        cache.set(key, 1, timeout=window)
        return 1


def over_limit(key, limit, window):
    """Count this submission and tell whether it goes over `limit` in the window: the one
    check-and-count of every reader rate limit. A cache outage lets it through."""
    count = count_hit(key, window)
    if count is None:
        logger.warning("A rate limit was not counted: the cache is unavailable")
        return False
    return count > limit


def limit_reached(key, limit):
    """Whether `key` already used up `limit`, without counting: a cheap refusal before the
    work of a post. The count that decides is over_limit's; an outage reads as not reached."""
    try:
        count = cache.get(key, 0)
    except Exception:  # a cache that raises on an outage (no IGNORE_EXCEPTIONS)
        return False
    return isinstance(count, int) and count >= limit
