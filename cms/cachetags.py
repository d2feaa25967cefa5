"""Content tags: what a cached page, API answer or template fragment was made from.

Each tag has a version in the shared page cache; a change to content bumps the versions of the
tags it affects (cms.invalidation holds the rule for each kind of content), and whatever was
cached under an older version of any of its tags is never served again. Every cached thing
depends on EVERYTHING, so bumping it makes the whole cache stale (a site setting, a change
nobody described more narrowly).

The vocabulary:
- EVERYTHING: anything at all.
- ANY_CHANGE: what a cached thing depends on when nobody said what it depends on; every change
  bumps it, so undescribed pages are as safe as before tags existed.
- page_tag(page or id): the page's own fields, as its own page and API answer show them;
- comments_tag(page or id): the comments readers see under that page;
- type_tag(model or "app_label.model"): lists of that type of content (a news index, feeds, the
  home page's sections, API listings): any row of that type shown, hidden or edited;
- MENU: the page tree as menus, breadcrumbs and the sitemap show it.

A request gathers its tags with depends_on(); the page cache stores them with the page.
"""

import contextvars
import hashlib
import secrets
from collections.abc import Iterable
from contextlib import contextmanager

from django.core.cache import caches

CACHE_ALIAS = "pages"
EVERYTHING = "everything"
ANY_CHANGE = "any-change"
MENU = "menu"
# Bumped with every tag: a page rendered while it moved is not stored (cms.pagecache).
CHANGES_KEY = "cachetags:changes"


def tag_cache():
    return caches[CACHE_ALIAS]


def page_tag(page):
    return f"page:{getattr(page, 'pk', page)}"


def comments_tag(page):
    return f"comments:{getattr(page, 'pk', page)}"


def type_tag(model):
    label = model if isinstance(model, str) else model._meta.label_lower
    return f"type:{label.lower()}"


def version_key(tag):
    return f"cachetags:v:{tag}"


def versions(tags: Iterable[str]) -> dict[str, str]:
    """The current version of each tag (EVERYTHING always among them): one round trip when
    every tag has one, and one more for those that had none yet."""
    tags = sorted({EVERYTHING, *tags})
    cache = tag_cache()
    found = cache.get_many([version_key(tag) for tag in tags])
    if missing := [tag for tag in tags if version_key(tag) not in found]:
        for tag in missing:
            cache.add(version_key(tag), secrets.token_hex(4), timeout=None)
        # Another process may have made a version first: read what won.
        found |= cache.get_many([version_key(tag) for tag in missing])
    return {tag: found.get(version_key(tag)) for tag in tags}


# The tags each address's requests read, per process: the next request for it reads them all
# in its first round trip, not one more for each fragment. Dropped whole when full.
TAGS_READ_LIMIT = 10_000
tags_read_at = {}
_current_request = contextvars.ContextVar("cachetags_request", default=None)


@contextmanager
def reading_for(request):
    """Within it, what reads versions without a request in hand (the restricted sections,
    say) shares the request's reads (cms.pagecache wraps every request in it)."""
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def request_of(request=None):
    """The HttpRequest being answered: `request`, or the one reading_for() names, or None."""
    request = request if request is not None else _current_request.get()
    return getattr(request, "_request", request)  # a REST framework view's request


def versions_for(request, tags: Iterable[str]) -> dict[str, str]:
    """versions(tags), each tag read once per request: a page's fragments and listings share
    most of their tags, and each read is a round trip to the cache. Versions read earlier in
    the request are at most older than the rows then read, so nothing is kept under versions
    newer than its content. The request's first read also reads the tags its address read
    last time, and the change count (changes_at_start)."""
    request = request_of(request)
    if request is None:
        return versions(tags)
    known = request.__dict__.setdefault("_cache_tag_versions", {})
    wanted = {EVERYTHING, *tags}
    if missing := wanted - known.keys():
        if not known:  # the request's first read
            missing |= tags_read_at.get(request.path, frozenset())
            found, count = versions_and_count(missing)
            known.update(found)
            request.__dict__.setdefault("_cache_changes_at_start", count)
        else:
            known.update(versions(missing))
        if len(tags_read_at) >= TAGS_READ_LIMIT:
            tags_read_at.clear()
        tags_read_at[request.path] = frozenset(known)
    return {tag: known[tag] for tag in sorted(wanted)}


def kept_per_change(kept, key, compute, request=None):
    """compute(), kept by this process in `kept` under `key` while the version of EVERYTHING
    is unchanged (a site, the settings, a move or a view restriction bumps it); worked out
    each time while that version is unknown (the cache down). `kept` holds one entry."""
    version = versions_for(request, ())[EVERYTHING]
    if version is None:
        return compute()
    if (key, version) not in kept:
        kept.clear()
        kept[(key, version)] = compute()
    return kept[(key, version)]


def versions_and_count(tags):
    """(versions(tags), changes_count()) in one round trip when all are there."""
    keys = [version_key(tag) for tag in tags]
    found = tag_cache().get_many([*keys, CHANGES_KEY])
    if CHANGES_KEY not in found or not set(keys) <= found.keys():
        return versions(tags), changes_count()
    return {tag: found[version_key(tag)] for tag in tags}, found[CHANGES_KEY]


def fingerprint(tag_versions: dict[str, str]) -> str:
    """A short text that changes when any of these versions does: for cache keys."""
    return hashlib.sha256(repr(sorted(tag_versions.items())).encode()).hexdigest()[:16]


def still_current(stored: dict[str, str]) -> bool:
    return versions(stored) == stored


def version_keys(tags: Iterable[str]) -> list[str]:
    """The cache keys of these tags' versions, to read along with something else."""
    return [version_key(tag) for tag in tags]


def still_current_in(found: dict, stored: dict[str, str]) -> bool:
    """still_current() judged from `found`, a get_many answer that asked for
    version_keys(stored): a version missing from it (never made, or evicted) is not current,
    nor is one that was missing when the thing was stored."""
    return all(
        version is not None and found.get(version_key(tag)) == version
        for tag, version in stored.items()
    )


def bump(*tags):
    """Make everything cached from these tags stale."""
    if not tags:
        return
    cache = tag_cache()
    new = {tag: secrets.token_hex(4) for tag in set(tags)}
    cache.set_many({version_key(tag): version for tag, version in new.items()}, timeout=None)
    if (request := request_of()) is not None and "_cache_tag_versions" in request.__dict__:
        request._cache_tag_versions.update(new)  # what this request reads next is newer
    try:
        cache.incr(CHANGES_KEY)
    except ValueError:  # no count yet, or evicted
        if not cache.add(CHANGES_KEY, 1, timeout=None):
            cache.incr(CHANGES_KEY)


def changes_at_start(request):
    """changes_count() as the request's first read of versions found it (read now if none
    was made yet): what the request renders is from no earlier than that."""
    request = request_of(request)
    if request is None:
        return changes_count()
    if "_cache_changes_at_start" not in request.__dict__:
        versions_for(request, ())
    return request._cache_changes_at_start


def changes_count():
    """A number that grows with every bump (compare two readings, never interpret one)."""
    cache = tag_cache()
    count = cache.get(CHANGES_KEY)
    if count is None:
        cache.add(CHANGES_KEY, 0, timeout=None)
        count = cache.get(CHANGES_KEY, 0)
    return count


def depends_on(request, *tags):
    """Say that what this request answers was made from these tags (pages, API views)."""
    request = getattr(request, "_request", request)  # a REST framework view's request
    if request is None:
        return
    if not hasattr(request, "cache_tags"):
        request.cache_tags = set()
    request.cache_tags.update(tags)


def tags_of(request):
    """The tags a request said it depends on, or ANY_CHANGE when it said nothing."""
    return getattr(request, "cache_tags", None) or {ANY_CHANGE}
