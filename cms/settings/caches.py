"""The shapes of the site's caches, for the settings of each environment and the tests that
put production's in place."""

CACHE_ALIASES = ("default", "pages")


def redis_caches(url, backend="cms.cache.FailOpenRedisCache", ignore_exceptions=True):
    """Both caches in the Redis at `url`, as production keeps them."""
    return {
        alias: {
            # django-redis that lets allauth's rate limits through on an outage (cms/cache.py)
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": alias,
            # A Redis that accepts connections and never answers costs each cache call this
            # long (redis-py waits 5 s by default): pages are served without the cache then.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": ignore_exceptions,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
        for alias in CACHE_ALIASES
    }


def file_page_cache(data_dir):
    """The page cache in files under `data_dir`: one cache for every process of one server
    (gunicorn's workers, the background worker), so none serves a page another made stale."""
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(data_dir / "page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    }
