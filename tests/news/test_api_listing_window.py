"""API v2's news listing keeps its total count and its window's ids between requests
(cms.api.item_cache.cached_listing): a repeat under unchanged content runs no SQL at all,
answers byte for byte what a listing worked out afresh answers, and every change readers
see (a publish, an unpublish, an approved comment, a go-live time reached, a restriction)
shows in the next answer. Readers a view restriction may let in are never given it."""

import datetime
import time

import pytest

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

from cms.api.v2 import PagesEndpoint
from cms.models import SiteSettings
from news.comments import moderation
from news.models import NewsPage
from tests.conftest import make_news, restrict
from tests.news.comments_helpers import approved

LISTING = "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20"
NEWEST_FIRST = LISTING + "&order=-first_published_at"


@pytest.fixture
def three_news(news_index, rubric):
    SiteSettings.for_site(news_index.get_site())  # made on first use: a change readers see
    return [
        make_news(
            news_index,
            title=f"Новость {number}",
            date=datetime.date(2025, 3, 1 + number),
            tags=["общий", f"тег {number}"],
            rubric=rubric if number else None,
        )
        for number in range(3)
    ]


def listing(client, url=NEWEST_FIRST):
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def titles(answer):
    return [item["title"] for item in answer["items"]]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_a_repeated_listing_runs_no_sql(client, three_news):
    for url in (LISTING, NEWEST_FIRST + "&offset=1", LISTING + "&tag=obshchij"):
        client.get(url)  # warm up: renditions and site root paths, as a served worker has them
        assert queries_of(client, url) == 0, url


@pytest.mark.django_db
def test_kept_listings_answer_byte_for_byte_as_fresh_ones(client, three_news, monkeypatch):
    urls = [
        LISTING,
        LISTING + "&offset=1",
        LISTING + "&offset=5",
        NEWEST_FIRST,
        NEWEST_FIRST + "&offset=2&limit=1",
        LISTING + "&order=title",
        LISTING + "&tag=obshchij&offset=1",
        LISTING + "&tag=teg-1",
        LISTING + "&rubric=konkursy&limit=1",
        LISTING + "&year=2025&month=3",
        LISTING + f"&child_of={three_news[0].get_parent().pk}",
        "/api/v2/pages/?type=news.NewsPage&fields=title&limit=2",
    ]
    kept = {}
    for url in urls:
        client.get(url)
        kept[url] = client.get(url)
    monkeypatch.setattr(PagesEndpoint, "keeps_window", lambda endpoint, model: False)
    for url in urls:
        fresh = client.get(url)
        assert (kept[url].status_code, kept[url].content) == (200, fresh.content), url


@pytest.mark.django_db
def test_a_published_news_item_shows_in_the_next_answer(client, news_index, three_news):
    before = listing(client)
    second_window = listing(client, NEWEST_FIRST + "&offset=1")
    assert titles(before)[0] == "Новость 2" and before["meta"]["total_count"] == 3

    make_news(news_index, title="Свежая новость")

    after = listing(client)
    assert after["meta"]["total_count"] == 4
    assert titles(after) == ["Свежая новость", *titles(before)]
    assert titles(listing(client, NEWEST_FIRST + "&offset=1")) == titles(before)
    assert titles(second_window) == titles(before)[1:]


@pytest.mark.django_db
def test_an_unpublished_news_item_leaves_the_next_answer(client, three_news):
    assert listing(client)["meta"]["total_count"] == 3
    three_news[2].unpublish()
    after = listing(client)
    assert after["meta"]["total_count"] == 2
    assert titles(after) == ["Новость 1", "Новость 0"]


@pytest.mark.django_db
def test_an_approved_comment_shows_in_the_next_answer(client, three_news):
    pending = approved(three_news[1], comment="Ждёт модерации", is_public=False)
    counts = {item["title"]: item["comment_count"] for item in listing(client)["items"]}
    assert counts["Новость 1"] == 0
    moderation.approve([pending])
    counts = {item["title"]: item["comment_count"] for item in listing(client)["items"]}
    assert counts["Новость 1"] == 1


@pytest.mark.django_db
def test_a_news_item_shows_once_the_worker_publishes_it_at_its_go_live_time(
    client, news_index, three_news
):
    scheduled = make_news(news_index, title="Новость по расписанию", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    scheduled.save_revision().publish()  # scheduled: Wagtail keeps it a draft until then
    assert listing(client)["meta"]["total_count"] == 3
    assert "Новость по расписанию" not in titles(listing(client))

    time.sleep(max(0, (scheduled.go_live_at - timezone.now()).total_seconds()) + 0.1)
    call_command("publish_scheduled")  # what the worker runs (cms.schedule)
    assert NewsPage.objects.get(pk=scheduled.pk).live

    after = listing(client)
    assert after["meta"]["total_count"] == 4
    assert titles(after)[0] == "Новость по расписанию"


@pytest.mark.django_db
def test_a_restricted_news_section_empties_the_next_answer_and_its_removal_refills_it(
    client, news_index, three_news
):
    assert listing(client)["meta"]["total_count"] == 3
    restriction = restrict(news_index)
    assert listing(client) == {"meta": {"total_count": 0}, "items": []}
    restriction.delete()
    assert listing(client)["meta"]["total_count"] == 3


@pytest.mark.django_db
def test_readers_a_restriction_lets_in_never_get_the_anonymous_window(
    client, three_news, django_user_model
):
    PageViewRestriction.objects.create(
        page=three_news[0], restriction_type=PageViewRestriction.LOGIN
    )
    password = restrict(three_news[1])
    for _ in range(2):
        assert titles(listing(client)) == ["Новость 2"]

    reader = Client()
    reader.force_login(django_user_model.objects.create_user("reader", password="x"))
    assert titles(listing(reader)) == ["Новость 2", "Новость 0"]
    passed = Client()
    session = passed.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [password.pk]
    session.save()
    assert titles(listing(passed)) == ["Новость 2", "Новость 1"]

    assert titles(listing(client)) == ["Новость 2"]


@pytest.mark.django_db
def test_a_random_order_and_a_search_are_worked_out_at_each_request(client, three_news):
    for url in (LISTING + "&order=random", LISTING + "&search=Новость"):
        client.get(url)
        assert queries_of(client, url) >= 2, url  # the count and the rows, each time
