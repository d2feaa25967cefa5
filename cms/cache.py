"""The Redis cache of production: django-redis, failing open when Redis is unreachable."""

import logging

from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)


class FailOpenRedisCache(RedisCache):
    """django-redis whose `add` reports success when an outage was ignored.

    With IGNORE_EXCEPTIONS django-redis answers None to an `add` it could not send, which
    reads as "someone else holds the key". allauth takes every rate-limit lock with `add`
    (allauth.core.internal.ratelimit.cache_lock), so an outage refused every sign-in,
    sign-up and password reset with 429 after a second of waiting. An outage holds no lock:
    the caller goes on, and its limits simply count nothing until Redis is back.
    """

    def add(self, *args, **kwargs):
        added = super().add(*args, **kwargs)
        if added is None:  # django-redis's answer for an ignored outage; else a bool
            logger.warning("Cache unavailable: add() of a key let through")
            return True
        return added
