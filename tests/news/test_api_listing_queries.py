"""API v2's news listing with every field: at most 3 SQL queries (the site, the count, the
rows) with 1 and with 100 news, each with a picture, pictures in its text, tags, a rubric,
related news, a partner and comments, and none when nothing changed since the same listing;
and the items it keeps between requests (cms.api.item_cache) follow every change readers
see."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.rich_text import RichText

from cms.models import SiteSettings
from news.models import NewsPageRelatedNews, NewsPartner
from tests.conftest import (
    TINY,
    indexed_once,
    make_image,
    make_news,
    make_partner,
    restrict,
)
from tests.news.comments_helpers import approved

pytestmark = pytest.mark.usefixtures("renditions_on_view")

LISTING = "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20"
DAY = datetime.timedelta(days=1)


def count_queries(client, url):
    client.get(url)  # warm up: renditions and site root paths, as a served worker has them
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def illustrated_body(title, images):
    return [
        ("paragraph", RichText(f"<p>Текст «{title}».</p>")),
        *(("image", {"image": image, "alt": "", "caption": "Подпись"}) for image in images),
    ]


@indexed_once()
def fill(news_index, start, count, rubric=None):
    SiteSettings.for_site(news_index.get_site())  # made on first use: a change readers see
    earlier = []
    for number in range(start, start + count):
        images = [make_image(f"Фото {number}.{n}", TINY) for n in range(2)]
        image = make_image(f"Главное {number}", TINY)
        partner = make_partner(f"Партнёр {number}", logo=make_image(f"Логотип {number}", TINY))
        news = make_news(
            news_index, title=f"Новость {number}", image=image,
            tags=[f"тег {number}", "общий"], date=datetime.date(2025, 1, 1) + number * DAY,
            body=illustrated_body(f"Новость {number}", images), rubric=rubric,
            news_partners=[NewsPartner(partner=partner)],
            related_news=[NewsPageRelatedNews(related=item) for item in earlier[-2:]],
        )  # fmt: skip
        approved(news, comment=f"Комментарий {number}")
        approved(news, comment="Ждёт", is_public=False)
        earlier.append(news)
    return earlier


def items(client, url=LISTING):
    return {item["title"]: item for item in client.get(url).json()["items"]}


@pytest.mark.django_db
def test_news_listing_with_every_field_runs_3_queries_with_1_and_100_news(client, news_index):
    fill(news_index, 0, 1)
    with_one = count_queries(client, LISTING)
    fill(news_index, 1, 99)
    assert count_queries(client, LISTING) == with_one <= 3
    assert with_one == 0  # the same listing again: its count and window kept too
    with CaptureQueriesContext(connection) as queries:
        client.get(LISTING.replace("limit=20", "limit=19"))  # a new window over kept items
    assert len(queries) <= 3


@pytest.mark.django_db
def test_a_new_window_over_kept_items_runs_3_queries_and_its_repeat_none(client, news_index):
    first, *_ = fill(news_index, 0, 3)
    count_queries(client, LISTING)
    other_window = LISTING.replace("limit=20", "limit=19")

    with CaptureQueriesContext(connection) as queries:
        client.get(other_window)
    assert len(queries) <= 3  # the site, the count, the window's rows: the items are kept
    assert count_queries(client, other_window) == 0

    approved(first, comment="Ещё один")  # the comment counts listed change
    assert client.get(other_window).json()["items"][0]["comment_count"] == 2
    assert count_queries(client, other_window) == 0


@pytest.mark.django_db
def test_kept_items_answer_as_freshly_serialized_ones(client, news_index, rubric):
    fill(news_index, 0, 3, rubric=rubric)
    first = client.get(LISTING)
    again = client.get(LISTING)  # from the kept items
    assert again.content == first.content
    other_host = client.get(LISTING, HTTP_HOST="biblioteka.example.org").json()["items"]
    assert other_host[0]["meta"]["html_url"].startswith("http://biblioteka.example.org/")
    fewer_fields = client.get(LISTING.replace("fields=*", "fields=title")).json()["items"][0]
    assert "body" not in fewer_fields


@pytest.mark.django_db
def test_kept_items_follow_comments_related_news_rubrics_and_partners(client, news_index, rubric):
    first, second, third = fill(news_index, 0, 3, rubric=rubric)
    before = items(client)
    assert before["Новость 2"]["comment_count"] == 1
    assert [link["title"] for link in before["Новость 2"]["related_news"]] == [
        "Новость 0",
        "Новость 1",
    ]

    approved(third, comment="Ещё один")
    approved(third, comment="Ждёт модерации", is_public=False)
    first.unpublish()
    rubric.name = "Проекты"
    rubric.save()
    partner = third.news_partners.get().partner
    partner.unpublish()

    after = items(client)
    assert after["Новость 2"]["comment_count"] == 2
    assert [link["title"] for link in after["Новость 2"]["related_news"]] == ["Новость 1"]
    assert after["Новость 2"]["rubric"]["name"] == "Проекты"
    assert after["Новость 2"]["partners"] == []
    assert "Новость 0" not in after


@pytest.mark.django_db
def test_kept_items_never_show_drafts_or_restricted_news(client, news_index):
    first, second, _ = fill(news_index, 0, 3)
    assert {"Новость 0", "Новость 1"} <= set(items(client))
    restrict(first)
    second.title = "Черновик"
    second.save_revision()  # a draft: readers keep the published title
    listed = items(client)
    assert "Новость 0" not in listed
    assert "Черновик" not in listed and "Новость 1" in listed
    assert client.get(LISTING).json()["meta"]["total_count"] == 2


@pytest.mark.django_db
def test_a_restricted_news_item_moved_in_the_tree_stays_unlisted(client, news_index):
    first, second, third = fill(news_index, 0, 3)
    restrict(third)
    assert "Новость 2" not in items(client)  # the restricted sections are kept now
    third.move(first, pos="left")  # a new path for it and for the news after it
    listed = items(client)
    assert "Новость 2" not in listed and {"Новость 0", "Новость 1"} <= set(listed)
