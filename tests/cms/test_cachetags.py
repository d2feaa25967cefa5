"""Content tags: a cached page or fragment is stale when a tag it was made from moves on, and
only then."""

import pytest

from django.core.cache import caches
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings

from cms import cachetags
from cms.invalidation import affected_tags, watch
from cms.models import SiteSettings
from cms.settings.caches import CACHE_ALIASES
from tests.conftest import make_news

pytestmark = pytest.mark.django_db

FRAGMENT = Template(
    '{% load fragments %}{% cachedfragment "list" tags vary=path %}{{ counter.next }}'
    "{% endcachedfragment %}"
)


class Counter:
    def __init__(self):
        self.count = 0

    def next(self):
        self.count += 1
        return self.count


def render(counter, tags, path="/"):
    return FRAGMENT.render(Context({"counter": counter, "tags": tags, "path": path}))


def test_a_fragment_is_rendered_once_until_one_of_its_tags_moves_on():
    counter = Counter()
    assert render(counter, ["type:news.newspage"]) == "1"
    assert render(counter, ["type:news.newspage"]) == "1"

    cachetags.bump("type:partners.partner")
    assert render(counter, ["type:news.newspage"]) == "1"

    cachetags.bump("type:news.newspage")
    assert render(counter, ["type:news.newspage"]) == "2"


def test_a_fragment_is_kept_apart_by_what_it_varies_by():
    counter = Counter()
    assert render(counter, ["menu"], path="/a/") == "1"
    assert render(counter, ["menu"], path="/b/") == "2"
    assert render(counter, ["menu"], path="/a/") == "1"


def test_everything_makes_every_fragment_stale():
    counter = Counter()
    render(counter, ["menu"])
    cachetags.bump(cachetags.EVERYTHING)
    assert render(counter, ["menu"]) == "2"


def test_a_fragment_rendered_while_content_changed_is_not_kept():
    counter = Counter()

    class ChangingCounter(Counter):
        def next(self):
            cachetags.bump("elsewhere")
            return counter.next()

    assert render(ChangingCounter(), ["menu"]) == "1"
    assert render(counter, ["menu"]) == "2"


def test_a_request_that_declares_nothing_depends_on_any_change():
    request = RequestFactory().get("/")
    assert cachetags.tags_of(request) == {cachetags.ANY_CHANGE}
    cachetags.depends_on(request, "page:1", "menu")
    assert cachetags.tags_of(request) == {"page:1", "menu"}


def test_content_without_a_rule_makes_everything_stale_and_a_rule_narrows_it():
    assert affected_tags(SiteSettings, SiteSettings()) == {cachetags.EVERYTHING}

    class Narrow:
        pass

    class Narrower(Narrow):
        pass

    watch(Narrow, affects=lambda instance: {"page:7"})
    try:
        assert affected_tags(Narrower, Narrower()) == {cachetags.ANY_CHANGE, "page:7"}
    finally:
        from cms.invalidation import TAG_RULES, WATCHED_MODELS

        TAG_RULES.pop(Narrow)
        WATCHED_MODELS.remove(Narrow)


@pytest.mark.usefixtures("page_cache_on")
def test_a_page_that_declares_its_tags_outlives_changes_elsewhere(home, monkeypatch):
    SiteSettings.for_site(home.get_site())  # made on a site's first view otherwise
    monkeypatch.setattr(
        type(home), "cache_tags", lambda page, request: {cachetags.page_tag(page)}, raising=False
    )
    assert Client().get(home.url)["X-Page-Cache"] == "miss"
    assert Client().get(home.url)["X-Page-Cache"] == "hit"

    cachetags.bump(cachetags.ANY_CHANGE, "page:999999")
    assert Client().get(home.url)["X-Page-Cache"] == "hit"

    cachetags.bump(cachetags.page_tag(home))
    assert Client().get(home.url)["X-Page-Cache"] == "miss"


@pytest.mark.usefixtures("page_cache_on")
def test_a_page_that_declares_nothing_is_stale_after_any_change(home, monkeypatch):
    SiteSettings.for_site(home.get_site())
    monkeypatch.setattr(type(home), "cache_tags", lambda page, request: None)
    Client().get(home.url)
    assert Client().get(home.url)["X-Page-Cache"] == "hit"

    cachetags.bump(cachetags.ANY_CHANGE, "page:999999")
    assert Client().get(home.url)["X-Page-Cache"] == "miss"


def count_cache_reads(monkeypatch):
    """The reads asked of each cache alias from now on, as [(alias, method, keys)]; a
    get_many that a backend answers by calling its own get counts once."""
    reads = []
    inside = []
    for alias in CACHE_ALIASES:
        cache = caches[alias]
        for method in ("get", "get_many"):
            original = getattr(cache, method)

            def spy(keys, *args, alias=alias, method=method, original=original, **kwargs):
                if inside:
                    return original(keys, *args, **kwargs)
                reads.append((alias, method, keys))
                inside.append(True)
                try:
                    return original(keys, *args, **kwargs)
                finally:
                    inside.pop()

            monkeypatch.setattr(cache, method, spy)
    return reads


@override_settings(PAGE_CACHE_SECONDS=0)
def test_a_page_reads_the_shared_cache_twice_the_second_time(client, news_index, monkeypatch):
    """Its tags' versions with the change count, then every fragment it showed last time:
    each read is a round trip, and the first render made a dozen."""
    article = make_news(news_index, title="Новость с фрагментами")
    reads = count_cache_reads(monkeypatch)
    client.get(article.url)
    first = len(reads)
    reads.clear()
    assert client.get(article.url).status_code == 200
    assert first > 5
    assert [(alias, method) for alias, method, _ in reads] == [
        ("pages", "get_many"),
        ("default", "get_many"),
    ]
    tags_read, fragments_read = (keys for _, _, keys in reads)
    assert cachetags.CHANGES_KEY in tags_read
    assert sum(key.startswith("fragment:") for key in fragments_read) >= 5


@override_settings(PAGE_CACHE_SECONDS=0)
def test_reads_without_a_request_in_hand_share_the_requests(client, news_index, monkeypatch):
    """The restricted sections (Wagtail's view restriction check) read EVERYTHING's version
    with no request to pass: the page cache middleware names the request they belong to."""
    article = make_news(news_index, title="Новость без лишних чтений")
    client.get(article.url)
    reads = []
    read = cachetags.versions
    monkeypatch.setattr(cachetags, "versions", lambda tags: reads.append(set(tags)) or read(tags))
    assert client.get(article.url).status_code == 200
    assert reads == []


def test_a_change_made_during_a_request_is_read_by_the_rest_of_it():
    request = RequestFactory().get("/")
    with cachetags.reading_for(request):
        before = cachetags.versions_for(None, ["page:1"])
        cachetags.bump("page:1")
        after = cachetags.versions_for(None, ["page:1"])
    assert after["page:1"] != before["page:1"]
    assert after == cachetags.versions(["page:1"])
