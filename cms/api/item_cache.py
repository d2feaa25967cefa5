"""Listings of the API worked out once per content change, not once per request.

A page type opts in with `api_items_cached = True` when its API representation depends on
nothing but the content tags its listing declares (cms.cachetags, cms.invalidation) and the
request: not on the clock (events' upcoming dates) nor on rows whose changes bump nothing.
Its items are then serialized once per content version (cached_items); and for readers no
view restriction may let in, the listing's total count and the ids of its window are kept
too (cached_listing), so that a repeat of a listing under unchanged content runs no SQL at
all: neither the count nor the window's query, over every visible page of the type, sorted
and filtered; only cache reads.
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
    is among them, so an item is kept exactly as long as the listing around it. Each tag is
    read once per request (cachetags.versions_for): the window and its items are then kept
    under the same versions, read before the rows they were made from."""
    return cachetags.fingerprint(cachetags.versions_for(request, cachetags.tags_of(request)))


def item_key(model, pk, variant, content):
    return f"api-item:{content}:{model._meta.label_lower}:{pk}:{variant}"


def window_key(request):
    """The whole request as far as a listing's window depends on it: every query parameter
    (filters, order, limit, offset, site=), the address base, the path, and the host and
    port Wagtail finds the site by (a change to the sites bumps EVERYTHING, so the site a
    host names is content like any other)."""
    django_request = getattr(request, "_request", request)
    host = (django_request._get_raw_host(), django_request.get_port())
    query = sorted(request.GET.lists())
    text = repr((base_url(request), request.path, host, query, code_version()))
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"api-window:{content_version(request)}:{digest}"


def cached_listing(request, model, count_and_window, rows_with_ids, serialize):
    """(meta.total_count, items) of a listing of `model` rows, for a reader who sees what
    anonymous readers see, its tags declared. `count_and_window()` gives the total count and
    the window's rows (a queryset); what they were is kept per content version and request
    (window_key), so a repeat runs neither query, nor any other but `rows_with_ids(ids)` for
    items not cached (cached_items)."""
    key = window_key(request)
    window = cache.get(key)  # (total count, the window's ids)
    if window is None:
        total_count, rows = count_and_window()
        instances = list(rows.prefetch_related(None))
        items = cached_instances(instances, rows, request, serialize)
        cache.set(key, (total_count, [instance.pk for instance in instances]), ITEM_SECONDS)
        return total_count, items
    total_count, ids = window
    return total_count, kept_items(model, ids, request, rows_with_ids, serialize)


def cached_items(queryset, request, serialize):
    """The representations of the queryset's rows in order: cached ones as they were,
    the others from `serialize(instances)` with the queryset's prefetches done for them."""
    return cached_instances(list(queryset.prefetch_related(None)), queryset, request, serialize)


def cached_instances(instances, queryset, request, serialize):
    """cached_items() of the queryset's rows read already, without prefetches."""
    by_pk = {instance.pk: instance for instance in instances}

    def prefetched(ids):
        rows = [by_pk[pk] for pk in ids]
        prefetch_related_objects(rows, *queryset._prefetch_related_lookups)
        return rows

    return kept_items(queryset.model, list(by_pk), request, prefetched, serialize)


def kept_items(model, ids, request, rows_with_ids, serialize):
    """The representations of the rows with these ids, in their order: cached ones as they
    were, the others serialized from `rows_with_ids(missing ids)` and kept. A row gone
    since its id was kept (a change committed meanwhile, whose bump follows) is left out."""
    variant, content = request_variant(request), content_version(request)
    keys = {pk: item_key(model, pk, variant, content) for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        rows = rows_with_ids(missing)
        fresh = {keys[row.pk]: item for row, item in zip(rows, serialize(rows), strict=True)}
        cache.set_many(fresh, ITEM_SECONDS)
        found |= fresh
    return [found[keys[pk]] for pk in ids if keys[pk] in found]
