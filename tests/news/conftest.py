"""Fixtures for the comment tests (autouse within tests/news)."""

import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """The comment rate limit counts in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()
