"""The content generation: one token that any change readers see replaces (cms.invalidation).

Whatever is kept for readers is keyed by it (whole pages in cms.pagecache, API items in
cms.api.item_cache, the restricted sections in cms.pages), so nothing kept before a change
is used after it. It lives in the page cache, which every process of a server shares.
"""

import secrets

from django.core.cache import caches

CACHE_ALIAS = "pages"
GENERATION_KEY = "pagecache:generation"


def page_cache():
    return caches[CACHE_ALIAS]


def generation():
    cache = page_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = secrets.token_hex(4)
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def invalidate_all():
    """Make everything kept for readers stale; it ages out of its cache by itself."""
    page_cache().set(GENERATION_KEY, secrets.token_hex(4), timeout=None)
