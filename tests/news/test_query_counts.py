"""Pages run the same number of SQL queries with 1 and with 100 news items."""

import datetime
from types import SimpleNamespace

import pytest

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.rich_text import RichText

from news.models import NewsIndexPage, NewsPageRelatedNews, NewsRubric
from tests.conftest import (
    TINY,
    forget_fragments,
    indexed_once,
    kept_for_the_module,
    make_home,
    make_image,
    make_news,
    make_news_index,
    publish,
)

# A hundred items' renditions are made once, when the page or API first asks for them.
pytestmark = pytest.mark.usefixtures("renditions_on_view")

INDEX_PARAMS = ["", "?tag=obshhij", "?page=2", "?year=2020"]


def count_queries(client, url):
    client.get(url)  # warm up: renditions are created on first view
    forget_fragments()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def count_cold_and_warm(client, url):
    """Queries of the first render after a change (no fragment kept: cms.fragments), then of
    the next one (fragments kept), after a warm-up that made the renditions."""
    client.get(url)
    forget_fragments()
    cold = queries_of(client, url)
    return SimpleNamespace(cold=cold, warm=queries_of(client, url))


@indexed_once()
def fill(news_index, rubric, count, start=0):
    image = make_image("Общая картинка", TINY)
    for number in range(start, start + count):
        make_news(
            news_index,
            title=f"Новость {number}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number * 11),
            tags=[f"тег {number}", "общий"],
            image=make_image(f"Картинка {number}", TINY) if number % 2 else image,
            rubric=rubric,
        )


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The module's images (`hundred_news`) outlive each test."""
    return tmp_path_factory.mktemp("news-query-counts")


@pytest.fixture(scope="module")
def hundred_news(django_db_setup, django_db_blocker, files_folder):
    """The news index and home page's queries counted with 1 news item, then with 100: built
    once for the module, whose tests then compare them or add to the 100 (and roll back)."""
    with (
        kept_for_the_module(django_db_blocker, files_folder),
        override_settings(PREPARE_RENDITIONS=False),
    ):
        news_index = make_news_index(make_home())
        rubric = NewsRubric.objects.create(name="Конкурсы")
        client = Client()
        urls = [news_index.url + params for params in INDEX_PARAMS] + ["/"]
        fill(news_index, rubric, 1)
        with_one = {url: count_cold_and_warm(client, url) for url in urls}
        fill(news_index, rubric, 99, start=1)
        with_hundred = {url: count_cold_and_warm(client, url) for url in urls}
        yield SimpleNamespace(news_index=news_index, with_one=with_one, with_hundred=with_hundred)


# At most this many queries on the first render after a change and on the next one, whose
# fragments are kept (issue 17): a query added to either fails here.
INDEX_BUDGETS = {
    "": {"cold": 14, "warm": 1},  # the page, by its remembered route
    "?tag=obshhij": {"cold": 14, "warm": 2},  # a filtered list is counted on every render
    "?page=2": {"cold": 14, "warm": 1},
    "?year=2020": {"cold": 14, "warm": 2},
}
HOME_BUDGET = {"cold": 12, "warm": 1}


@pytest.mark.django_db
@pytest.mark.parametrize("url_params", INDEX_PARAMS)
def test_news_index_queries_do_not_grow_with_news(hundred_news, url_params):
    url = hundred_news.news_index.url + url_params
    assert hundred_news.with_hundred[url] == hundred_news.with_one[url]


@pytest.mark.django_db
@pytest.mark.parametrize("url_params", INDEX_PARAMS)
def test_news_index_queries_stay_within_the_budget(hundred_news, url_params):
    counted = hundred_news.with_hundred[hundred_news.news_index.url + url_params]
    budget = INDEX_BUDGETS[url_params]
    print(f"news index{url_params}: {counted.cold} queries cold, {counted.warm} warm")
    assert counted.cold <= budget["cold"]
    assert counted.warm <= budget["warm"]


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_news(hundred_news):
    assert hundred_news.with_hundred["/"] == hundred_news.with_one["/"]


@pytest.mark.django_db
def test_home_page_queries_stay_within_the_budget(hundred_news):
    counted = hundred_news.with_hundred["/"]
    print(f"home: {counted.cold} queries cold, {counted.warm} warm")
    assert counted.cold <= HOME_BUDGET["cold"]
    assert counted.warm <= HOME_BUDGET["warm"]


def article_with(news_index, images, related, tags):
    body = [("paragraph", RichText("<p>Текст</p>"))]
    body += [("image", {"image": image, "alt": "", "caption": "Подпись"}) for image in images]
    body.append(
        (
            "gallery",
            {
                "title": "Галерея",
                "images": [{"image": i, "alt": "", "caption": ""} for i in images],
            },
        )
    )
    page = make_news(news_index, title="Статья", body=body, tags=tags, image=images[0])
    page.related_news = [NewsPageRelatedNews(related=item) for item in related]
    return publish(page)


@pytest.mark.django_db
def test_news_page_queries_do_not_grow_with_images_tags_or_related(client, hundred_news):
    news_index = NewsIndexPage.objects.get(pk=hundred_news.news_index.pk)
    others = list(news_index.get_children().specific())
    small = article_with(news_index, [make_image("Одна", TINY)], others[:1], ["один"])
    many_images = [make_image(f"Фото {n}", TINY) for n in range(20)]
    large = article_with(news_index, many_images, others[:10], [f"тег {n}" for n in range(30)])
    assert count_queries(client, large.url) == count_queries(client, small.url)
