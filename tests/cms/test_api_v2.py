"""API v2: what other services read (what they must never see: test_api_hidden.py)."""

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
    make_promo,
    make_slide,
    publish,
)
from tests.news.comments_helpers import approved

NEWS = "news.NewsPage"
DAY = datetime.timedelta(days=1)
WEEK = 7 * DAY


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.fixture
def article(news_index, rubric, directory):
    other = make_news(news_index, title="Связанная новость")
    body = [
        ("paragraph", RichText(f'<p>См. <a linktype="page" id="{other.pk}">новость</a>.</p>')),
        ("image", {"image": make_image("Фото в тексте"), "alt": "Читатели", "caption": "Зал"}),
    ]
    page = make_news(
        news_index,
        title="Соглашение с Минском",
        image=make_image("Подписание"),
        rubric=rubric,
        tags=["Беларусь", "сотрудничество"],
        body=body,
    )
    page.related_news = [NewsPageRelatedNews(related=other)]
    page.news_partners = [NewsPartner(partner=make_partner("ЦСДБ г. Минска", country="Беларусь"))]
    return publish(page)


@pytest.mark.django_db
def test_news_detail_has_every_field_a_front_end_needs(client, article):
    data = get(client, f"/api/v2/pages/{article.pk}/")
    assert data["title"] == "Соглашение с Минском"
    assert data["date"] == "2026-11-01"
    assert data["lead"] == "Анонс: Соглашение с Минском"
    assert data["rubric"] == {"name": "Конкурсы", "slug": "konkursy"}
    assert data["tags"] == [
        {"name": "Беларусь", "slug": "belarus"},
        {"name": "сотрудничество", "slug": "sotrudnichestvo"},
    ]
    assert data["meta"]["html_url"] == "http://testserver/novosti/soglashenie-s-minskom/"
    image = data["main_image"]
    assert image["alt"] == "Описание: Подписание"
    large_webp = image["renditions"]["large_webp"]
    assert large_webp["url"].startswith("http://testserver/media/") and large_webp["url"].endswith(
        ".webp"
    )
    assert {"thumbnail_jpeg", "medium_webp", "large_jpeg"} <= set(image["renditions"])
    assert large_webp["width"] == 400 and large_webp["height"] == 250
    paragraph, picture = data["body"]
    link = '<a href="http://testserver/novosti/svyazannaya-novost/">новость</a>'
    assert link in paragraph["value"]
    assert picture["value"]["image"]["alt"] == "Читатели"
    assert picture["value"]["image"]["renditions"]["medium_webp"]["url"].endswith(".webp")
    assert data["related_news"] == [
        {"id": article.related_news.get().related_id, "title": "Связанная новость",
         "url": "http://testserver/novosti/svyazannaya-novost/"}
    ]  # fmt: skip
    assert data["partners"][0]["short_name"] == "ЦСДБ г. Минска"


@pytest.mark.django_db
def test_news_listing_filters(client, article, news_index):
    make_news(news_index, title="Старая", date=datetime.date(2020, 5, 1))

    def titles(**params):
        return [
            item["title"] for item in get(client, "/api/v2/pages/", type=NEWS, **params)["items"]
        ]

    assert titles(tag="belarus") == ["Соглашение с Минском"]
    assert titles(rubric="konkursy") == ["Соглашение с Минском"]
    assert titles(year="2020") == ["Старая"]
    assert titles(year="2026", month="11", order="title") == [
        "Связанная новость", "Соглашение с Минском",
    ]  # fmt: skip
    assert titles(search="Минском") == ["Соглашение с Минском"]


@pytest.mark.django_db
def test_partners_slides_promos_and_settings(client, home, directory):
    make_partner("ЦСДБ г. Минска", country="Беларусь", featured=True)
    make_partner("Томская ОДЮБ")
    make_slide("Второй", sort_order=2)
    make_slide("Первый", sort_order=1)
    make_promo("Гранты России", group="contests")
    make_promo("Школа", group="projects")

    belarus = get(client, "/api/v2/partners/", country="Беларусь")["items"]
    assert [item["short_name"] for item in belarus] == ["ЦСДБ г. Минска"]
    assert len(get(client, "/api/v2/partners/", featured="true")["items"]) == 1
    assert [s["title"] for s in get(client, "/api/v2/slides/")["items"]] == ["Первый", "Второй"]
    contests = get(client, "/api/v2/promos/", group="contests")["items"]
    assert [p["title"] for p in contests] == ["Гранты России"]
    settings_data = get(client, "/api/v2/settings/")
    assert settings_data["decide_together"]["title"] == "Решаем вместе"
    assert settings_data["age_mark"] == "0+"


HOSTILE = [
    "/api/v2/pages/?limit=abc",
    "/api/v2/pages/?limit=100000",
    "/api/v2/pages/?offset=-1",
    "/api/v2/pages/?order=nope",
    "/api/v2/pages/?fields=nope",
    "/api/v2/pages/?type=nope.Nope",
    "/api/v2/pages/?type=news.NewsPage&date=abc",
    "/api/v2/pages/?tag=x",
    "/api/v2/pages/?unknown=1",
    "/api/v2/pages/?child_of=abc",
    "/api/v2/pages/?search=%00",
    "/api/v2/partners/?featured=maybe",
    "/api/v2/partners/?order=-nope",
    "/api/v2/partners/?limit=-5",
    "/api/v2/slides/?fields=*,-nope",
    "/api/v2/promos/?id=abc",
    "/api/v2/images/?limit=abc",
    "/api/v2/partners/?latitude=abc",
    "/api/v3/pages/?search=%00",
    "/api/v2/documents/?order=random&offset=3",
    "/api/v3/pages/?limit=abc",
    "/api/v3/partners/?limit=100000",
    "/api/v3/partners/?offset=-1",
    "/api/v3/slides/?limit=0",
    "/api/v3/images/?offset=448301488901817731615856418810232832",
    "/api/v2/pages/?offset=99999999999999999999999",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_parameters_get_a_4xx_json_answer(client, home, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code)
    assert response["Content-Type"].startswith("application/")
    assert response.json()


@pytest.mark.django_db
def test_api_answers_carry_cache_headers_and_conditional_get(client, home):
    make_slide("Слайд")
    response = client.get("/api/v2/slides/")
    assert "max-age=60" in response["Cache-Control"] and "public" in response["Cache-Control"]
    again = client.get("/api/v2/slides/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_cors_allows_only_configured_origins(client, home, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    allowed = client.get("/api/v2/slides/", HTTP_ORIGIN="https://app.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.org"
    other = client.get("/api/v2/slides/", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@indexed_once()
def fill(news_index, start, count):
    for number in range(start, start + count):
        partner = make_partner(
            f"Партнёр {number}", featured=True, logo=make_image(f"Логотип {number}", TINY)
        )
        make_slide(f"Слайд {number}", image=make_image(f"Слайд {number}", TINY))
        make_promo(f"Промо {number}", image=make_image(f"Промо {number}", TINY))
        news = make_news(
            news_index, title=f"Новость {number}", image=make_image(f"Фото {number}", TINY),
            tags=[f"тег {number}", "общий"], date=datetime.date(2025, 1, 1) + number * DAY,
            news_partners=[NewsPartner(partner=partner)],
        )  # fmt: skip
        comment = approved(news, comment=f"Комментарий {number}")
        approved(news, comment=f"Ответ {number}", parent_id=comment.pk)
        approved(news, comment="Ждёт", is_public=False)


LISTING_URLS = [
    "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20",
    "/api/v2/pages/?limit=20",
    "/api/v2/partners/?fields=*&limit=20",
    "/api/v2/slides/?limit=20",
    "/api/v2/promos/?limit=20",
    "/api/v2/images/?limit=20",
    "/api/v3/images/?limit=20",
    "/api/v3/pages/?limit=20",
    "/api/v3/partners/?limit=20",
    "/api/v3/slides/?limit=20",
    "/api/v3/promos/?limit=20",
]


@pytest.mark.django_db
def test_news_count_their_public_comments(client, news_index, directory):
    fill(news_index, 0, 3)
    listing = get(client, "/api/v2/pages/", type=NEWS, fields="comment_count")["items"]
    assert [item["comment_count"] for item in listing] == [2, 2, 2]
    assert get(client, f"/api/v2/pages/{listing[0]['id']}/")["comment_count"] == 2
    everything = get(client, "/api/v2/pages/", type=NEWS, fields="*")["items"]
    assert all(item["comment_count"] == 2 for item in everything)


@pytest.mark.django_db
@pytest.mark.usefixtures("renditions_on_view")
def test_listings_run_the_same_queries_with_1_and_100_items(client, news_index, directory):
    SiteSettings.for_site(news_index.get_site())  # made on first use: a change readers see
    fill(news_index, 0, 1)
    with_one = {url: count_queries(client, url) for url in LISTING_URLS}
    fill(news_index, 1, 99)
    with_hundred = {url: count_queries(client, url) for url in LISTING_URLS}
    assert with_hundred == with_one
