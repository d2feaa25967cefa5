"""Wagtail's database search backend on SQLite: with Russian stems, without ranking.

The settings name this module for a SQLite database only (its backend classes can be imported
only there); PostgreSQL uses Wagtail's database backend as it is, stemming Russian itself
(the `russian` search config). Here the backend's index and queries go through
cms.search_stemming (cms/search_sqlite.py), so «библиотекам» finds «библиотека» as well.

SQLite's FTS5 ranking (bm25 in a subquery per matching row) took 60 s for one query over
10,000 news (docs/performance.md). On SQLite, results come in the queryset's own order
instead: newest first on the search page, `?order=` or tree order in the API.
"""

from wagtail.search.backends.database import SearchBackend as database_search_backend

# Wagtail imports this module when it first asks for the backend, its models loaded. Python's
# sqlite3 has FTS5 (which Wagtail's SQLite index model needs) on Debian and the usual builds.
from .search_sqlite import StemmingSQLiteSearchBackend


class SQLiteWithoutRanking:
    def __init__(self, backend):
        self._backend = backend

    def __getattr__(self, name):
        return getattr(self._backend, name)

    def search(self, query, model_or_queryset, *args, order_by_relevance=True, **kwargs):
        return self._backend.search(
            query, pk_ordering_as_id(model_or_queryset), *args, order_by_relevance=False, **kwargs
        )


def pk_ordering_as_id(model_or_queryset):
    """The backend checks that ordering fields are indexed, and knows `id` but not `pk`
    (API v3 orders by `pk` when it expected relevance to decide)."""
    order_by = getattr(getattr(model_or_queryset, "query", None), "order_by", ())
    if not any(field in ("pk", "-pk") for field in order_by):
        return model_or_queryset
    renamed = [{"pk": "id", "-pk": "-id"}.get(field, field) for field in order_by]
    return model_or_queryset.order_by(*renamed)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    # Wagtail's choice first: its plain fallback while the FTS table is not migrated yet.
    backend = database_search_backend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        return SQLiteWithoutRanking(StemmingSQLiteSearchBackend(params))
    return backend
