"""Fixtures for the comment tests (autouse within tests/news)."""

import pytest

from django.core.cache import cache


@pytest.fixture(autouse=True)
def comment_files_root(settings, tmp_path_factory):
    """Comment attachments (kept outside MEDIA_ROOT) go to a fresh folder per test."""
    settings.COMMENTS_FILES_ROOT = tmp_path_factory.mktemp("comment-files")


@pytest.fixture(autouse=True)
def clear_cache():
    """The comment rate limit counts in the cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()
