"""The anonymous full-page cache: pages, feeds and API answers, for readers without a session.

Written for this site rather than taken from wagtail-cache, which skips every page carrying a
CSRF token (each news page has the comment form) and knows nothing of the preferences of the
version for the visually impaired, which change the HTML.

- It is the first middleware: a hit is answered before any other runs, and a page is stored
  as it leaves the last of them, with every header they gave it. So only a request none of
  them would answer differently is served or stored: a GET from a reader with no session and
  no messages cookie, whose input the input guard takes (cms.input_guard), for a host the
  site serves; the Origin header is part of the key (CORS answers differ by it). A signed-in
  user, an editor or a reader who just posted a comment always gets a fresh page.
- Only a 200 that set no cookie but the CSRF one, did not change the session, and allows
  caching is stored.
  Views that must never be shared say so with `Cache-Control: private` (the feedback form).
  Neither is a page whose Content-Security-Policy names a nonce: that is for one response.
- A page's key names the code that made it (cms.code_version): a deploy starts afresh.
- A page is stored with its headers, its own Content-Security-Policy among them (cms.csp).
- The CSRF token is cut out before storing and a fresh one is put in on each hit, with the
  cookie Django's CSRF middleware would set, so forms keep working and no two readers share
  a token.
- A hit carries an ETag worked out when the page was stored (with the reader's token mixed
  in for pages with a form), so ConditionalGetMiddleware does not hash the whole page again
  on every hit: for a news page with 300 comments that hash was a fifth of the hit's time.
- A page's bytes are stored apart from its entry, under their digest, and each process keeps
  the bodies it served last (LocalBodies): a hit reads the small entry and the versions of
  its tags in one round trip, and the body from memory when the entry names one it has.
- A page is stored with the content tags it was made from and their versions
  (cms.cachetags); a change bumps the tags it affects (cms.invalidation), and a page whose
  tags moved on is a miss. A page rendered while any tag moved is not stored at all: it may
  have read rows from before the change.
"""

import functools
import hashlib
import re
import sys
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers, quote_etag

from cms import cachetags
from cms.code_version import code_version
from cms.input_guard import unusable_input
from cms.models import next_window_edge
from cms.vision import COOKIE_NAME as VISION_COOKIE
from cms.vision import VisionPreferences

CACHE_ALIAS = cachetags.CACHE_ALIAS
# Part of every page's key: a new shape of the stored entries never meets the old ones.
ENTRY_FORMAT = "5"
NO_EDGE = "none"
CSRF_PLACEHOLDER = "__csrf_token_placeholder__"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
UNSHAREABLE_CACHE_CONTROL = ("private", "no-cache", "no-store")
# Response headers that describe one reader's request, not the page; a hit works out its own
# ETag and length (its CSRF token differs).
UNSTORED_HEADERS = {"set-cookie", "x-page-cache", "etag", "content-length"}
# The tags each page was last seen stored with, per process (see current_entry); dropped whole
# when this full, as the cache keys of query strings are as many as readers care to make.
KNOWN_TAGS_LIMIT = 10_000
known_tags = {}
LOCAL_BODIES_BYTES = 16 * 1024 * 1024


class LocalBodies:
    """Page bodies by the digest of their bytes, the ones this process served last kept up
    to a budget of bytes. A digest names its bytes alone, so a body kept here is never stale:
    whether a page is still current is its entry's to say, read from the shared cache. Each
    is kept cut at its CSRF placeholders (body_parts), which a hit joins with its token: a
    join is a copy, a replace a search of the whole page (a fifth of a 300 KB page's hit)."""

    def __init__(self, budget):
        self.budget, self.size, self.bodies = budget, 0, OrderedDict()

    def get(self, digest):
        body = self.bodies.get(digest)
        if body is not None:
            self.bodies.move_to_end(digest)
        return body

    def keep(self, digest, parts):
        size = sum(map(len, parts))
        if digest in self.bodies or size > self.budget // 8:
            return
        self.bodies[digest] = parts
        self.size += size
        while self.size > self.budget:
            self.size -= sum(map(len, self.bodies.popitem(last=False)[1]))


def body_parts(body):
    return body.split(CSRF_PLACEHOLDER.encode())


local_bodies = LocalBodies(LOCAL_BODIES_BYTES)


def page_cache():
    return caches[CACHE_ALIAS]


def excluded(path):
    return any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS)


def is_anonymous_reader(request):
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "Authorization" not in request.headers
        and not excluded(request.path)
        and unusable_input(request) is None
    )


def cache_key(request):
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    vision = vision_variant(request.COOKIES.get(VISION_COOKIE))
    # The API answers JSON or, to a browser, its HTML view: the Accept header picks.
    accept = request.headers.get("Accept", "") if request.path.startswith("/api/") else ""
    origin = request.headers.get("Origin", "")
    request_id = "\n".join(
        [request.scheme, host, request.get_full_path(), vision, accept, origin, code_version()]
    ).encode()
    return f"pagecache:{ENTRY_FORMAT}:{hashlib.sha256(request_id).hexdigest()}"


@functools.lru_cache(maxsize=1024)
def vision_variant(cookie):
    """The preferences of a vision cookie in one spelling: one cached page for every cookie
    that means the same. Kept per cookie value, as working it out was a tenth of a hit."""
    return VisionPreferences.from_cookie(cookie).to_cookie()


def is_storable(request, response):
    cache_control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies.keys() - {settings.CSRF_COOKIE_NAME}
        and not any(word in cache_control for word in UNSHAREABLE_CACHE_CONTROL)
        and "'nonce-" not in response.get("Content-Security-Policy", "")
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "added_new", False))
    )


# What readers see changes by the clock alone when a slide or promo is due to appear or go;
# domain apps add their own such moments with watch_clock() (an event's date ending).
CLOCK_EDGES = [next_window_edge]


def watch_clock(next_edge):
    """`next_edge(at)` gives the first moment after `at` when a cached page may be wrong by
    the clock alone, or None: no page outlives it."""
    CLOCK_EDGES.append(next_edge)


def next_clock_edge(at):
    return min((edge for next_edge in CLOCK_EDGES if (edge := next_edge(at))), default=None)


# The last edge this process looked up, with the change it was looked up after.
edge_seen = {}


def clock_edge():
    """The next moment when what readers see changes by the clock alone (CLOCK_EDGES), or
    NO_EDGE: looked up once per content change and kept until it has passed, in the shared
    cache and by this process. Fragments of dated content vary by it
    (cms.templatetags.fragments)."""
    # A flushed cache starts its count again, but never with the same version of EVERYTHING.
    everything = cachetags.versions_for(None, ())[cachetags.EVERYTHING]
    change = (cachetags.changes_at_start(None), everything)
    now = timezone.now()
    edge = edge_seen.get(change)
    if edge is not None and (edge == NO_EDGE or edge > now):
        return edge
    cache = page_cache()
    key = f"pagecache:window-edge:{change[0]}"
    edge = cache.get(key)
    if edge is None or (edge != NO_EDGE and edge <= now):
        edge = next_clock_edge(now) or NO_EDGE
        # Only bounds memory: a change makes a new key, a passed edge is looked up again.
        lifetime = max(settings.PAGE_CACHE_SECONDS, settings.FRAGMENT_CACHE_SECONDS)
        if lifetime:
            cache.set(key, edge, timeout=lifetime)
    edge_seen.clear()
    if everything is not None:  # a version never read (the cache down) names nothing
        edge_seen[change] = edge
    return edge


def seconds_to_live():
    """The configured lifetime, cut short where what readers see changes by the clock alone
    (CLOCK_EDGES)."""
    edge = clock_edge()
    if edge == NO_EDGE:
        return settings.PAGE_CACHE_SECONDS
    return min(settings.PAGE_CACHE_SECONDS, int((edge - timezone.now()).total_seconds()))


def store(key, response, tag_versions):
    timeout = seconds_to_live()
    if timeout <= 0:
        return
    content = response.content
    has_csrf = False
    if b"csrfmiddlewaretoken" in content:
        text, count = CSRF_INPUT.subn(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", content.decode())
        content, has_csrf = text.encode(), bool(count)
    headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS]
    digest = hashlib.md5(content, usedforsecurity=False).hexdigest()
    entry = (headers, has_csrf, digest, tag_versions)
    page_cache().set_many({key: entry, body_key(digest): content}, timeout=timeout)
    local_bodies.keep(digest, body_parts(content))


def body_key(digest):
    return f"pagecache:{ENTRY_FORMAT}:body:{digest}"


def current_entry(key):
    """The stored page of a key if its content tags have not moved on, as (body_parts,
    headers, has_csrf, digest, tag versions), and the change count.

    The current versions of the page's tags are read in the same round trip as its entry,
    with the tags it was last seen stored with in this process; only a page first seen
    here, or stored again with other tags, costs a second round trip, and only a body this
    process does not keep (local_bodies) one more.
    """
    tags = known_tags.get(key, ())
    found = page_cache().get_many([key, cachetags.CHANGES_KEY, *cachetags.version_keys(tags)])
    entry = found.get(key)
    if entry is not None:
        stored = entry[-1]
        if tuple(stored) == tags:
            current = cachetags.still_current_in(found, stored)
        else:
            remember_tags(key, tuple(stored))
            current = cachetags.still_current(stored)
        entry = with_body(entry) if current else None
    return entry, found.get(cachetags.CHANGES_KEY)


def with_body(entry):
    headers, has_csrf, digest, tag_versions = entry
    parts = local_bodies.get(digest)
    if parts is None:
        body = page_cache().get(body_key(digest))
        if body is None:  # evicted apart from its entry
            return None
        parts = body_parts(body)
        local_bodies.keep(digest, parts)
    return parts, headers, has_csrf, digest, tag_versions


def remember_tags(key, tags):
    if len(known_tags) >= KNOWN_TAGS_LIMIT:
        known_tags.clear()
    # Each page's tags come unpickled as new strings, yet most are shared by thousands of
    # pages ("everything", "menu", "type:…"): one copy of each halves what the dict holds.
    known_tags[key] = tuple(map(sys.intern, tags))


def store_unless_changed(request, key, response, changes_before):
    tag_versions = cachetags.versions(cachetags.tags_of(request))
    if cachetags.changes_count() == (changes_before or 0):
        store(key, response, tag_versions)


def cached_response(request, entry, csrf):
    """The stored page with this reader's CSRF token and cookie, as `csrf`, Django's CSRF
    middleware, would give them; a 304 when the reader's copy is current."""
    parts, headers, has_csrf, digest, _ = entry
    if has_csrf:
        csrf.process_request(request)  # the reader's CSRF cookie, if any
        token = get_token(request)
        content = token.encode().join(parts)
        digest = hashlib.md5(f"{digest}:{token}".encode(), usedforsecurity=False).hexdigest()
    else:
        content = b"".join(parts)
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["ETag"] = quote_etag(digest)
    response["Content-Length"] = str(len(content))
    if has_csrf:
        csrf.process_response(request, response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


class PageCacheMiddleware:
    """The first middleware in MIDDLEWARE (see the module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        with cachetags.reading_for(request):
            return self.answer(request)

    def answer(self, request):
        if not settings.PAGE_CACHE_SECONDS or not is_anonymous_reader(request):
            return self.get_response(request)
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        entry, changes_before = current_entry(key)
        if entry is not None:
            response = cached_response(request, entry, self.csrf)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        # The same URL differs by session, messages and the vision cookie.
        patch_vary_headers(response, ["Cookie"])
        if is_storable(request, response):
            store_unless_changed(request, key, response, changes_before)
        response["X-Page-Cache"] = "miss"
        return response
