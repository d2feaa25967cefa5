"""The Redis cache of production: django-redis, failing open when Redis is unreachable."""

import logging
import time

from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)
WARN_EVERY = 60  # seconds: the page cache alone would log every page view of an outage


class FailOpenRedisCache(RedisCache):
    """django-redis whose `add` reports success when an outage was ignored.

    With IGNORE_EXCEPTIONS django-redis answers None to an `add` it could not send, which
    reads as "someone else holds the key". allauth takes every rate-limit lock with `add`
    (allauth.core.internal.ratelimit.cache_lock), so an outage refused every sign-in,
    sign-up and password reset with 429 after a second of waiting. An outage holds no lock:
    the caller goes on, and its limits simply count nothing until Redis is back.
    """

    last_warning = 0.0

    def add(self, *args, **kwargs):
        added = super().add(*args, **kwargs)
        if added is None:  # django-redis's answer for an ignored outage; else a bool
            if time.monotonic() - FailOpenRedisCache.last_warning > WARN_EVERY:
                FailOpenRedisCache.last_warning = time.monotonic()
                logger.warning(
                    "Redis unavailable: add() answered as done, locks and limits let through"
                )
            return True
        return added
