"""Search index entries for rows inserted in bulk (bulk inserts send no signals to index them)."""

from wagtail.search.backends import get_search_backend

CHUNK = 1000


def index_objects(model, pks):
    """Index the given objects of `model` the way `update_index` would, a chunk at a time."""
    backend = get_search_backend()
    pks = list(pks)
    for start in range(0, len(pks), CHUNK):
        chunk = model.get_indexed_objects().filter(pk__in=pks[start : start + CHUNK])
        backend.add_bulk(model, list(chunk))
