"""Parts of pages rendered once per version of the content they show (cms.cachetags), for
every reader: signed-in readers, editors and the first reader after a change included, whom
the page cache never serves.

A fragment is keyed by its name, what it varies by (the path for a menu marking the current
page, the preferences of the version for the visually impaired), the versions of its tags and
the code that renders it (cms.code_version); so a change to what it shows, or a deploy, makes a
new key, and old ones age out. Nothing of one reader's
request may be inside a fragment: no CSRF token, no form errors, no user name.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils.functional import SimpleLazyObject

from . import cachetags
from .code_version import code_version


def fragment_key(name, tags, vary, request=None):
    content = cachetags.fingerprint(cachetags.versions_for(request, tags))
    identity = repr((name, content, vary, code_version())).encode()
    return f"fragment:{name}:{hashlib.sha256(identity).hexdigest()}"


def cached_fragment(name, tags, render, vary=(), request=None):
    """The fragment's stored text, or `render()` stored for the next request; `request`
    lets the fragments of one page read each tag's version once, and all be read at once."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return render()
    cache = caches[settings.FRAGMENT_CACHE_ALIAS]
    key = fragment_key(name, tags, vary, request)
    text = stored_fragment(cache, key, request)
    if text is None:
        changes_before = cachetags.changes_at_start(request)
        text = render()
        if cachetags.changes_count() == changes_before:
            cache.set(key, text, timeout=settings.FRAGMENT_CACHE_SECONDS)
    return text


# The fragments each address's requests read, per process: the next request for it reads
# them all in one round trip, not one each. Dropped whole when full.
FRAGMENTS_READ_LIMIT = 2_000
fragments_read_at = {}


def stored_fragment(cache, key, request):
    """cache.get(key); a request's first read also reads the fragments its address read
    last time, so that a page whose content has not changed reads them all at once."""
    request = cachetags.request_of(request)
    if request is None:
        return cache.get(key)
    read = request.__dict__.get("_fragments_read")
    if read is None:
        wanted = {key, *fragments_read_at.get(request.path, ())}
        read = request._fragments_read = dict.fromkeys(wanted) | cache.get_many(wanted)
        if len(fragments_read_at) >= FRAGMENTS_READ_LIMIT:
            fragments_read_at.clear()
        fragments_read_at[request.path] = request._fragment_keys = []
    elif key not in read:
        read[key] = cache.get(key)
    if key not in request._fragment_keys:
        request._fragment_keys.append(key)
    return read[key]


def when_needed(compute, *args):
    """`compute(*args)`, worked out the first time a template uses it: context that only
    cached fragments show costs nothing while they are hits."""
    return SimpleLazyObject(functools.partial(compute, *args))
