"""Warm after change: once a change commits, the most-read pages are rendered into the page
cache again, so the next anonymous reader gets a hit (cms.warming; the tests' task backend
runs the task at once)."""

from contextlib import contextmanager

import pytest

from django.db import transaction
from django.test import Client

from wagtail.models import Site

from cms import warming
from cms.invalidation import PENDING_CHANGE
from cms.models import SiteSettings
from home.models import HomePage
from news.comments import moderation
from news.comments.models import ReaderComment
from tests.conftest import make_news
from tests.news.comments_helpers import approved

pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def site_settings(home):
    # Made on a site's first page view otherwise, which would make every page stale.
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def cache_state(*urls, client=None, **headers):
    return [(client or Client()).get(url, **headers)["X-Page-Cache"] for url in urls]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is done inside as one transaction that commits. The test's own transaction
    never commits: what its fixtures changed counts as committed before."""

    @contextmanager
    def transaction_that_commits():
        transaction.get_connection().__dict__.pop(PENDING_CHANGE, None)
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return transaction_that_commits


@pytest.mark.usefixtures("site_settings")
def test_after_publishing_news_the_home_index_and_article_are_hits(
    home, news_index, committed, monkeypatch
):
    runs = []
    most_read_urls = warming.most_read_urls
    monkeypatch.setattr(
        warming, "most_read_urls", lambda ids: runs.append(ids) or most_read_urls(ids)
    )
    Client().get(home.url)  # cached, then made stale by the publish
    with committed():
        article = make_news(news_index, title="Свежая новость")
    assert len(runs) == 1  # the page, its revision, its tags…: one commit, one warming
    assert cache_state(home.url, news_index.url, article.url) == ["hit"] * 3


@pytest.mark.usefixtures("site_settings")
def test_after_approving_a_comment_its_page_and_the_lists_are_hits(home, news_index, committed):
    article = make_news(news_index, title="Новость с комментарием")
    comment = approved(article)
    moderation.remove([comment])
    with committed():
        moderation.approve([ReaderComment.objects.get(pk=comment.pk)])
    page = Client().get(article.url)
    assert page["X-Page-Cache"] == "hit"
    assert comment.comment in page.content.decode()
    assert cache_state(home.url, news_index.url) == ["hit", "hit"]


@pytest.mark.usefixtures("site_settings")
def test_a_page_that_fails_to_render_does_not_fail_the_change(
    home, news_index, committed, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("the home page is broken")

    monkeypatch.setattr(HomePage, "get_context", broken)
    with committed():
        article = make_news(news_index, title="Новость")
    assert article.live
    assert cache_state(news_index.url, article.url) == ["hit", "hit"]


def test_pages_are_warmed_under_the_key_readers_behind_the_proxy_have(
    home, news_index, committed, settings, site_settings
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    site = Site.objects.get(is_default_site=True)
    site.port = 443  # https://testserver
    site.save()
    with committed():
        article = make_news(news_index, title="Новость")
    behind_nginx = {"HTTP_HOST": "testserver", "HTTP_X_FORWARDED_PROTO": "https"}  # its headers
    assert cache_state(home.url, article.url, **behind_nginx) == ["hit", "hit"]


def test_nothing_is_warmed_while_the_page_cache_is_off(news_index, committed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with committed():
        make_news(news_index, title="Новость")
    settings.PAGE_CACHE_SECONDS = 600
    assert cache_state(news_index.url) == ["miss"]
