"""Listing items of the API serialized once per content change, not once per request.

A page type opts in with `api_items_cached = True` when its API representation depends on
nothing but the content tags its listing declares (cms.cachetags, cms.invalidation) and the
request: not on the clock (events' upcoming dates) nor on rows whose changes bump nothing. A
listing then costs its own queries (the site, the
count, the page of rows) however many items it shows; only the items not cached yet are
prefetched and serialized, as before.
"""

import hashlib

from django.core.cache import cache
from django.db.models import QuerySet, prefetch_related_objects

from cms import cachetags
from cms.addressing import base_url
from cms.code_version import code_version

ITEM_SECONDS = 600
# The listing's window over the results, not what each item looks like.
PAGINATION_PARAMETERS = {"limit", "offset"}


def caches_items(rows):
    """Whether the rows are a queryset (search results are not) of a type that opted in."""
    return isinstance(rows, QuerySet) and getattr(rows.model, "api_items_cached", False)


def request_variant(request):
    """What of the request shapes an item: the address links start with, the API version
    and the query (fields=, rich_text_format=, …) but for the page window; and the code."""
    query = sorted(
        (name, values) for name, values in request.GET.lists() if name not in PAGINATION_PARAMETERS
    )
    text = repr((base_url(request), request.path, query, code_version()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def content_version(request):
    """The versions of the tags the listing declared (cms.cachetags): whatever an item shows
    is among them, so an item is kept exactly as long as the listing around it."""
    return cachetags.fingerprint(cachetags.versions_for(request, cachetags.tags_of(request)))


def item_key(instance, variant, content):
    label = instance._meta.label_lower
    return f"api-item:{content}:{label}:{instance.pk}:{variant}"


def cached_items(queryset, request, serialize):
    """The representations of the queryset's rows in order: cached ones as they were,
    the others from `serialize(instances)` with the queryset's prefetches done for them."""
    lookups = queryset._prefetch_related_lookups
    instances = list(queryset.prefetch_related(None))
    variant, content = request_variant(request), content_version(request)
    keys = [item_key(instance, variant, content) for instance in instances]
    found = cache.get_many(keys)
    missing = [instance for instance, key in zip(instances, keys, strict=True) if key not in found]
    if missing:
        prefetch_related_objects(missing, *lookups)
        fresh = dict(zip((k for k in keys if k not in found), serialize(missing), strict=True))
        cache.set_many(fresh, ITEM_SECONDS)
        found |= fresh
    return [found[key] for key in keys]
