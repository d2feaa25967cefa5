"""Per-address limits on what readers send, counted in the cache (shared by gunicorn workers
when REDIS_URL is set): the comment form and the feedback form use the same counter."""

import ipaddress

from django.conf import settings
from django.core.cache import cache


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
    """Count one submission under `key`; the window starts at the first one and is fixed."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
