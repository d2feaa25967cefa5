import datetime

import pytest

from news.models import NewsRubric
from tests.conftest import make_news


@pytest.fixture
def many_news(news_index, rubric):
    other = NewsRubric.objects.create(name="Проекты")
    for day in range(1, 16):
        make_news(
            news_index,
            title=f"Новость номер {day}",
            date=datetime.date(2026, 10 if day <= 10 else 11, day),
            tags=["дети"] if day % 2 else ["молодёжь"],
            rubric=rubric if day % 3 else other,
        )
    return news_index


def titles(response):
    return [news.title for news in response.context["news_page"]]


@pytest.mark.django_db
def test_newest_news_first_twelve_per_page(client, many_news):
    response = client.get(many_news.url)
    assert titles(response)[:2] == ["Новость номер 15", "Новость номер 14"]
    assert len(titles(response)) == 12
    assert len(titles(client.get(many_news.url, {"page": 2}))) == 3


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "99999"])
def test_bad_page_numbers_fall_back_to_a_real_page(client, many_news, page):
    response = client.get(many_news.url, {"page": page})
    assert response.status_code == 200
    assert titles(response)


@pytest.mark.django_db
def test_filter_by_tag(client, many_news):
    response = client.get(many_news.url, {"tag": "molodyozh"})
    assert len(titles(response)) == 7
    assert "7 новостей" in response.content.decode()


@pytest.mark.django_db
def test_unknown_tag_gives_empty_list_with_message(client, many_news):
    response = client.get(many_news.url, {"tag": "net-takogo"})
    assert response.status_code == 200
    assert titles(response) == []
    assert "По выбранному фильтру новостей не найдено" in response.content.decode()


@pytest.mark.django_db
def test_filter_by_rubric(client, many_news):
    response = client.get(many_news.url, {"rubric": "proekty"})
    assert len(titles(response)) == 5
    assert "Рубрика «Проекты»." in response.content.decode()


@pytest.mark.django_db
def test_filter_line_names_the_tag_not_its_slug(client, many_news):
    html = client.get(many_news.url, {"tag": "molodyozh"}).content.decode()
    assert "Тег «молодёжь»." in html


@pytest.mark.django_db
def test_filter_by_archive_month(client, many_news):
    response = client.get(many_news.url, {"year": "2026", "month": "11"})
    assert len(titles(response)) == 5
    assert "ноябрь 2026" in response.content.decode().lower()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{"year": "abc"}, {"year": "2026", "month": "13"}, {"month": "5"}]
)
def test_bad_archive_values_are_ignored(client, many_news, query):
    response = client.get(many_news.url, query)
    assert response.status_code == 200
    assert len(titles(response)) == 12


@pytest.mark.django_db
def test_pagination_links_keep_the_filter(client, many_news):
    html = client.get(many_news.url, {"tag": "deti", "page": "1"}).content.decode()
    assert "?tag=deti&amp;page=2" not in html  # 8 news fit on one page
    html = client.get(many_news.url).content.decode()
    assert 'href="?page=2"' in html


@pytest.mark.django_db
def test_archive_lists_months_with_counts(client, many_news):
    archive = list(client.get(many_news.url).context["archive"])
    assert [(month.month, count) for month, count in archive] == [(11, 5), (10, 10)]
