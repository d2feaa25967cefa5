"""Pages run the same number of SQL queries with 1 and with 100 news items."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.rich_text import RichText

from news.models import NewsPageRelatedNews
from tests.conftest import make_image, make_news, publish

# A hundred items' renditions are made once, when the page or API first asks for them.
pytestmark = pytest.mark.usefixtures("renditions_on_view")


def count_queries(client, url):
    client.get(url)  # warm up: renditions are created on first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def fill(news_index, rubric, count, start=0):
    image = make_image("Общая картинка")
    for number in range(start, start + count):
        make_news(
            news_index,
            title=f"Новость {number}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number * 11),
            tags=[f"тег {number}", "общий"],
            image=make_image(f"Картинка {number}") if number % 2 else image,
            rubric=rubric,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("url_params", ["", "?tag=obshhij", "?page=2", "?year=2020"])
def test_news_index_queries_do_not_grow_with_news(client, news_index, rubric, url_params):
    fill(news_index, rubric, 1)
    url = news_index.url + url_params
    with_one = count_queries(client, url)
    fill(news_index, rubric, 99, start=1)
    assert count_queries(client, url) == with_one


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_news(client, news_index, rubric):
    fill(news_index, rubric, 1)
    with_one = count_queries(client, "/")
    fill(news_index, rubric, 99, start=1)
    assert count_queries(client, "/") == with_one


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
def test_news_page_queries_do_not_grow_with_images_tags_or_related(client, news_index, rubric):
    fill(news_index, rubric, 100)
    others = list(news_index.get_children().specific())
    small = article_with(news_index, [make_image("Одна")], others[:1], ["один"])
    many_images = [make_image(f"Фото {n}") for n in range(20)]
    large = article_with(news_index, many_images, others[:10], [f"тег {n}" for n in range(30)])
    assert count_queries(client, large.url) == count_queries(client, small.url)
