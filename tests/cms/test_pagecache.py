"""The anonymous page cache: what it serves, to whom, and when it lets go."""

import datetime
import re

import pytest

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Site

from cms import cachetags, pagecache
from cms.models import SiteSettings
from news.comments import moderation
from news.comments.models import ReaderComment
from tests.conftest import make_news, make_slide, restrict
from tests.news.comments_helpers import approved, comment_data, image_upload

pytestmark = pytest.mark.usefixtures("page_cache_on")

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def article(news_index):
    # Made on a site's first page view otherwise, which would make that view's page stale.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return make_news(news_index, title="Новость для кэша")


def fetch(url, client=None, **headers):
    return (client or Client()).get(url, **headers)


def test_second_anonymous_view_comes_from_the_cache_without_queries(article):
    assert fetch(article.url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = fetch(article.url)
    assert again["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "Новость для кэша" in again.content.decode()
    assert "Cookie" in again["Vary"]


def test_each_reader_gets_a_fresh_csrf_token_that_the_comment_form_accepts(article):
    fetch(article.url)  # stored
    reader = Client(enforce_csrf_checks=True)
    page = fetch(article.url, reader)
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    other = TOKEN.search(fetch(article.url).content.decode()).group(1)
    assert token != other and "placeholder" not in token
    data = comment_data(article) | {"csrfmiddlewaretoken": token}
    posted = reader.post(article.url, data)
    assert posted.status_code == 302
    assert ReaderComment.objects.filter(comment=data["comment"]).exists()


def test_signed_in_reader_is_never_served_nor_stored(article, django_user_model):
    user = django_user_model.objects.create_user("masha", "masha@example.org", "x")
    signed_in = Client()
    signed_in.force_login(user)
    first = fetch(article.url, signed_in)
    assert "X-Page-Cache" not in first
    assert "masha" in first.content.decode()
    anonymous = fetch(article.url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert "masha" not in anonymous.content.decode()
    assert "X-Page-Cache" not in fetch(article.url, signed_in)


def test_messages_cookie_bypasses_the_cache(article):
    fetch(article.url)
    reader = Client()
    reader.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in fetch(article.url, reader)


def test_reader_who_posted_sees_the_moderation_notice_not_a_cached_page(article):
    fetch(article.url)
    reader = Client()
    reader.post(article.url, comment_data(article))
    page = fetch(article.url, reader)
    assert "X-Page-Cache" not in page
    assert "Комментарий отправлен на модерацию" in page.content.decode()


def test_publishing_news_shows_it_in_the_index_at_once(news_index, article):
    assert "Свежая новость" not in fetch(news_index.url).content.decode()
    fresh = make_news(news_index, title="Свежая новость")
    assert "Свежая новость" in fetch(news_index.url).content.decode()
    fresh.unpublish()
    assert "Свежая новость" not in fetch(news_index.url).content.decode()


def test_deleting_and_moving_pages_refresh_the_cache(home, news_index, standard_page, article):
    assert fetch(article.url).status_code == 200
    article.move(standard_page, pos="last-child")
    assert fetch(news_index.url)["X-Page-Cache"] == "miss"
    assert "Новость для кэша" not in fetch(news_index.url).content.decode()
    moved = article.specific.__class__.objects.get(pk=article.pk)
    fetch(moved.url)
    moved.delete()
    assert fetch(moved.url).status_code == 404


def test_a_page_made_private_leaves_the_cache(article):
    fetch(article.url)
    restrict(article)
    page = fetch(article.url).content.decode()
    assert "Текст новости" not in page
    assert 'name="password"' in page


def test_approved_comment_appears_at_once(article):
    pending = approved(article, comment="Ждёт проверки", is_public=False)
    fetch(article.url)
    assert "Ждёт проверки" not in fetch(article.url).content.decode()
    moderation.approve([pending])
    assert "Ждёт проверки" in fetch(article.url).content.decode()
    moderation.remove([ReaderComment.objects.get(pk=pending.pk)])
    assert "Ждёт проверки" not in fetch(article.url).content.decode()


def test_anonymous_pending_comment_keeps_the_page_cached_until_approved(article):
    fetch(article.url)
    posted = Client().post(
        article.url,
        comment_data(article, comment="Ждёт модератора") | {"attachments": [image_upload()]},
    )
    assert posted.status_code == 302
    pending = ReaderComment.objects.get()
    assert not pending.is_public and pending.attachments.count() == 1
    page = fetch(article.url)
    assert page["X-Page-Cache"] == "hit"
    assert "Ждёт модератора" not in page.content.decode()
    moderation.approve([ReaderComment.objects.get()])
    page = fetch(article.url)
    assert page["X-Page-Cache"] == "miss"
    assert "Ждёт модератора" in page.content.decode()


def test_refused_post_and_changes_to_a_pending_comment_keep_the_page_cached(article):
    pending = approved(article, comment="Ждёт проверки", is_public=False)
    fetch(article.url)
    refused = Client().post(article.url, comment_data(article, consent=None))
    assert refused.status_code == 400
    pending = ReaderComment.objects.get(pk=pending.pk)
    pending.comment = "Исправленный, но всё ещё не проверенный"
    pending.save()
    moderation.remove([pending])  # removing what nobody saw
    ReaderComment.objects.get(pk=pending.pk).delete()
    assert fetch(article.url)["X-Page-Cache"] == "hit"


def test_editing_and_deleting_a_public_comment_refresh_the_page(article):
    public = approved(article, comment="Первая версия")
    fetch(article.url)
    public = ReaderComment.objects.get(pk=public.pk)
    public.comment = "Вторая версия"
    public.save()
    assert "Вторая версия" in fetch(article.url).content.decode()
    ReaderComment.objects.get(pk=public.pk).delete()
    assert "Вторая версия" not in fetch(article.url).content.decode()


def test_slide_and_settings_changes_reach_the_home_page(home):
    fetch(home.url)
    make_slide(title="Новый слайд")
    assert "Новый слайд" in fetch(home.url).content.decode()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.banner_text = "Пушкинская карта для всех"
    settings.banner_url = "https://www.culture.ru/pushkinskaya-karta"
    settings.save()
    assert "Пушкинская карта для всех" in fetch(home.url).content.decode()


def test_cached_page_expires_when_a_slide_is_due(home):
    soon = timezone.now() + datetime.timedelta(seconds=90)
    make_slide(title="Скоро", starts_at=soon)
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # see article()
    fetch(home.url)
    cache = caches["pages"]
    keys = [key for key in cache._cache if "pagecache:" in key and "window-edge" not in key]
    ttl = max(cache._expire_info[key] for key in keys) - timezone.now().timestamp()
    assert 0 < ttl <= 90


def test_vision_preferences_get_their_own_cached_page(home):
    normal = fetch(home.url)
    reader = Client()
    reader.cookies["vision"] = "enabled=1&scheme=wb&size=3"
    large = fetch(home.url, reader)
    assert large["X-Page-Cache"] == "miss"
    assert large.content != normal.content
    assert fetch(home.url, reader)["X-Page-Cache"] == "hit"


def test_feedback_form_is_never_cached(home):
    from tests.feedback.helpers import make_feedback_page

    page = make_feedback_page(home)
    first, second = fetch(page.url), fetch(page.url)
    assert "private" in first["Cache-Control"]
    assert second["X-Page-Cache"] == "miss"
    token = re.compile(r'name="token" value="([^"]+)"')
    tokens = [token.search(r.content.decode()).group(1) for r in (first, second)]
    assert tokens[0] != tokens[1]


def test_api_listing_is_cached_and_still_answers_304(article):
    url = "/api/v2/pages/?type=news.NewsPage&fields=*"
    first = fetch(url)
    second = fetch(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.json() == first.json()
    assert fetch(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    make_news(article.get_parent(), title="Ещё одна")
    assert fetch(url).json()["meta"]["total_count"] == 2


def test_cached_page_without_a_form_answers_304_to_its_etag(home, article):
    fetch(home.url)
    hit = fetch(home.url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["ETag"] == fetch(home.url)["ETag"]
    assert fetch(home.url, HTTP_IF_NONE_MATCH=hit["ETag"]).status_code == 304


def test_cached_page_with_a_form_has_an_etag_of_its_own_token(article):
    fetch(article.url)
    hits = [fetch(article.url) for _ in range(2)]
    assert all(hit["X-Page-Cache"] == "hit" for hit in hits)
    assert hits[0]["ETag"] != hits[1]["ETag"]
    assert fetch(article.url, HTTP_IF_NONE_MATCH=hits[0]["ETag"]).status_code == 200


def test_api_with_a_token_is_not_cached(article):
    url = "/api/v2/pages/"
    fetch(url)
    assert "X-Page-Cache" not in fetch(url, HTTP_AUTHORIZATION="Bearer abc")


def test_admin_is_never_cached(editor):
    editor.logout()
    assert "X-Page-Cache" not in fetch("/admin/login/")


def test_cache_off_when_seconds_is_zero(settings, article):
    settings.PAGE_CACHE_SECONDS = 0
    fetch(article.url)
    assert "X-Page-Cache" not in fetch(article.url)


def comparable(response):
    """A response's headers, cookie names and body, its CSRF token and X-Page-Cache aside."""
    headers = {name: value for name, value in response.items() if name != "X-Page-Cache"}
    if TOKEN.search(response.content.decode()):
        headers.pop("ETag")  # a page with a form has an ETag of its reader's token
    body = TOKEN.sub('name="csrfmiddlewaretoken" value="token"', response.content.decode())
    return headers, sorted(response.cookies), body


@pytest.mark.parametrize("page", ["home", "article", "api"])
def test_a_hit_answers_the_headers_and_body_of_the_miss_that_stored_it(page, home, article):
    url = {"home": home.url, "article": article.url, "api": "/api/v2/pages/?fields=*"}[page]
    miss = fetch(url)
    hit = fetch(url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert comparable(hit) == comparable(miss)


def test_a_hit_renews_the_readers_csrf_cookie_as_django_does_not_replaces_it(article):
    reader = Client()
    fetch(article.url, reader)  # stored; the reader gets a CSRF cookie
    secret = reader.cookies["csrftoken"].value
    hit = fetch(article.url, reader)
    assert hit["X-Page-Cache"] == "hit"
    assert hit.cookies["csrftoken"].value == secret


def test_api_hits_answer_each_origin_with_its_own_cors_headers(settings, article):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    url = "/api/v2/pages/?type=news.NewsPage"
    for _ in range(2):
        allowed = fetch(url, HTTP_ORIGIN="https://app.example.org")
        other = fetch(url, HTTP_ORIGIN="https://evil.example.com")
    assert (allowed["X-Page-Cache"], other["X-Page-Cache"]) == ("hit", "hit")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "Access-Control-Allow-Origin" not in other


def test_input_the_guard_refuses_is_refused_on_a_cached_page_too(home, article):
    fetch(home.url)
    assert fetch(home.url)["X-Page-Cache"] == "hit"
    reader = Client()
    reader.cookies["theme"] = "a\x00b"
    refused = fetch(home.url, reader)
    assert refused.status_code == 400
    assert "X-Page-Cache" not in refused


class RoundTripCounter(LocMemCache):
    """The page cache in local memory, counting the calls that are each a round trip to Redis."""

    round_trips = 0
    inside = False

    def counted(method):
        def call(self, *args, **kwargs):
            outer = not RoundTripCounter.inside
            if outer:
                RoundTripCounter.round_trips += 1
                RoundTripCounter.inside = True
            try:
                return method(self, *args, **kwargs)
            finally:
                if outer:
                    RoundTripCounter.inside = False

        return call

    get = counted(LocMemCache.get)
    get_many = counted(LocMemCache.get_many)
    add = counted(LocMemCache.add)
    set = counted(LocMemCache.set)
    set_many = counted(LocMemCache.set_many)
    incr = counted(LocMemCache.incr)


def test_a_hit_costs_one_cache_round_trip(settings, home, article):
    backend = f"{__name__}.RoundTripCounter"
    settings.CACHES = settings.CACHES | {"pages": {"BACKEND": backend, "LOCATION": "counted"}}
    fetch(home.url)
    assert fetch(home.url)["X-Page-Cache"] == "hit"  # this process has seen its tags now
    RoundTripCounter.round_trips = 0
    assert fetch(home.url)["X-Page-Cache"] == "hit"
    assert RoundTripCounter.round_trips == 1


def test_a_page_stored_again_with_other_tags_goes_stale_with_them(db):
    key = pagecache.cache_key(RequestFactory().get("/tags-moved/"))
    pagecache.store(key, HttpResponse("first"), cachetags.versions(["page:1"]))
    assert pagecache.current_entry(key)[0][0] == [b"first"]
    pagecache.store(key, HttpResponse("second"), cachetags.versions(["page:2"]))
    assert pagecache.current_entry(key)[0][0] == [b"second"]
    cachetags.bump("page:2")
    assert pagecache.current_entry(key)[0] is None


def test_the_tags_this_process_remembers_keep_one_copy_of_each_name(db):
    """known_tags may hold 10,000 pages' tags: a name they share is kept once, not per page."""
    keys = [pagecache.cache_key(RequestFactory().get(f"/shared-tags/{n}/")) for n in (1, 2)]
    for n, key in enumerate(keys, 1):
        pagecache.store(key, HttpResponse("page"), cachetags.versions([f"page:{n}", "menu"]))
        assert pagecache.current_entry(key)[0] is not None
    first, second = (pagecache.known_tags[key] for key in keys)
    assert first[first.index("menu")] is second[second.index("menu")]


def test_a_body_this_process_does_not_keep_is_read_once_then_kept(settings, home, article):
    backend = f"{__name__}.RoundTripCounter"
    settings.CACHES = settings.CACHES | {"pages": {"BACKEND": backend, "LOCATION": "counted"}}
    fetch(article.url)
    fetch(article.url)
    pagecache.local_bodies.bodies.clear()  # as a worker that never served it
    RoundTripCounter.round_trips = 0
    response = fetch(article.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Новость для кэша" in response.content.decode()
    assert RoundTripCounter.round_trips == 2  # the entry and versions, then the body
    RoundTripCounter.round_trips = 0
    assert fetch(article.url)["X-Page-Cache"] == "hit"
    assert RoundTripCounter.round_trips == 1


def test_an_entry_whose_body_is_gone_is_a_miss_and_is_stored_again(article):
    fetch(article.url)
    key = pagecache.cache_key(RequestFactory().get(article.url))
    (_, _, _, digest, _), _ = pagecache.current_entry(key)
    pagecache.page_cache().delete(pagecache.body_key(digest))  # evicted apart from its entry
    pagecache.local_bodies.bodies.clear()
    assert fetch(article.url)["X-Page-Cache"] == "miss"
    assert fetch(article.url)["X-Page-Cache"] == "hit"


def test_local_bodies_keep_the_last_served_within_their_budget():
    bodies = pagecache.LocalBodies(budget=200)
    for number in range(8):
        bodies.keep(f"digest-{number}", [b"x" * 12, b"y" * 12])
    assert bodies.size == 192
    bodies.get("digest-0")  # served again: kept longer than digest-1
    bodies.keep("digest-8", [b"z" * 24])
    assert bodies.size == 192
    assert bodies.get("digest-1") is None
    assert bodies.get("digest-0") == [b"x" * 12, b"y" * 12]
    bodies.keep("too-big", [b"w" * 26])  # over an eighth of the budget: never kept
    assert bodies.get("too-big") is None
