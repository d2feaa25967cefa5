"""Partners in the site search and the API's search: the shown partners only, linked to their
page in the directory; /api/v2/search/ and /api/v3/search/ give what /search/ shows."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import TINY, forget_fragments, indexed_once, make_image, make_news, make_partner

# A hundred items' renditions are made once, when the page or API first asks for them.
pytestmark = pytest.mark.usefixtures("renditions_on_view")

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
APIS = ["/api/v2/search/", "/api/v3/search/"]


@pytest.fixture
def found(news_index, directory):
    """Two shown partners, a draft one and a news page, all about Minsk."""
    shown = make_partner("ЦСДБ г. Минска", city="Минск", country="Беларусь")
    other = make_partner("Библиотека Минска № 2", city="Минск", logo=False)
    draft = make_partner("Черновик партнёра", city="Минск", live=False)
    news = make_news(news_index, title="Гости из Минск")
    return {"shown": shown, "other": other, "draft": draft, "news": news}


def html_of(client, query):
    return client.get("/search/", {"q": query}).content.decode()


@pytest.mark.django_db
def test_site_search_shows_shown_partners_linked_to_their_directory_page(client, found, directory):
    html = html_of(client, "Минск")
    assert f'href="{directory.url}{found["shown"].slug}/"' in html
    assert "Библиотека Минска № 2" in html
    assert "Черновик партнёра" not in html
    assert "Гости из Минск" in html
    assert "найдено: 1 страница и 2 партнёра" in html


@pytest.mark.django_db
def test_partners_alone_are_counted_as_found(client, found):
    html = html_of(client, "ЦСДБ")
    assert "найдено: 1 партнёр" in html
    assert "ничего не найдено" not in html


@pytest.mark.django_db
def test_while_the_directory_is_a_draft_partners_are_listed_without_links(client, found, directory):
    directory.unpublish()
    html = html_of(client, "ЦСДБ")
    assert "ЦСДБ г. Минска" in html
    assert found["shown"].slug not in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", APIS)
def test_api_search_gives_what_the_search_page_shows(client, found, directory, url):
    data = client.get(url, {"q": "Минск"}).json()
    assert data["query"] == "Минск"
    assert [page["title"] for page in data["pages"]] == ["Гости из Минск"]
    page = data["pages"][0]
    news = found["news"]
    assert page["type"] == "news.NewsPage"
    assert page["html_url"] == f"http://testserver{news.url}"
    assert page["detail_url"] == f"http://testserver{url[:8]}pages/{news.pk}/"
    assert page["lead"] == "Анонс: Гости из Минск"
    assert client.get(page["detail_url"]).status_code == 200

    partners = {partner["short_name"]: partner for partner in data["partners"]}
    assert set(partners) == {"ЦСДБ г. Минска", "Библиотека Минска № 2"}
    shown = partners["ЦСДБ г. Минска"]
    assert shown["html_url"] == f"http://testserver{directory.url}{found['shown'].slug}/"
    assert shown["detail_url"] == f"http://testserver{url[:8]}partners/{found['shown'].pk}/"
    assert shown["logo"]["renditions"]["thumbnail_webp"]["url"].startswith("http://testserver/")
    assert partners["Библиотека Минска № 2"]["logo"] is None
    assert client.get(shown["detail_url"]).status_code == 200
    assert data["pagination"] == {
        "count": 1, "page": 1, "num_pages": 1, "per_page": 10, "next": None, "previous": None,
    }  # fmt: skip


@pytest.mark.django_db
def test_v2_and_v3_search_answer_alike(client, found):
    v2, v3 = (client.get(url, {"q": "Минск"}).json() for url in APIS)
    for data in (v2, v3):
        for item in data["pages"] + data["partners"]:
            item.pop("detail_url")
    assert v2 == v3


@pytest.mark.django_db
@pytest.mark.parametrize("url", APIS)
def test_api_search_pages_like_the_site(client, news_index, url, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 2
    for number in range(5):
        make_news(news_index, title=f"Конкурс {number}")
    first = client.get(url, {"q": "Конкурс"}).json()
    assert first["pagination"]["num_pages"] == 3
    second = client.get(first["pagination"]["next"]).json()
    assert second["pagination"]["page"] == 2
    assert second["pagination"]["previous"].endswith("page=1")
    site_titles = re.findall(r"<h2><a [^>]*>([^<]+)</a></h2>", html_of_page(client, 2))
    assert [page["title"] for page in second["pages"]] == site_titles


def html_of_page(client, number):
    return client.get("/search/", {"q": "Конкурс", "page": number}).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", APIS)
def test_api_search_without_a_query_finds_nothing(client, found, url):
    data = client.get(url).json()
    assert (data["pages"], data["partners"], data["pagination"]["count"]) == ([], [], 0)


@pytest.mark.django_db
@pytest.mark.parametrize("url", APIS)
@pytest.mark.parametrize("params", [{"q": "Минск", "search": "x"}, {"q": "Минск", "page": "abc"}])
def test_api_search_refuses_unknown_or_bad_parameters_in_russian(client, found, url, params):
    response = client.get(url, params)
    assert response.status_code in (400, 422)
    data = response.json()
    assert CYRILLIC.search(data.get("message") or data["detail"])


def count_queries(client, url):
    client.get(url)  # warm up: renditions are created on first view
    forget_fragments()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_search_runs_the_same_queries_with_1_and_100_partners(client, news_index, directory):
    urls = [f"{path}?q=Томск" for path in ("/search/", *APIS)]
    make_news(news_index, title="Томск читает")
    make_partner("Библиотека 0", logo=make_image("Логотип 0", TINY))  # partners are in Tomsk
    with_one = [count_queries(client, url) for url in urls]
    with indexed_once():
        for number in range(1, 100):
            make_partner(f"Библиотека {number}", logo=make_image(f"Логотип {number}", TINY))
    assert len(client.get(APIS[0], {"q": "Томск"}).json()["partners"]) == 100
    assert [count_queries(client, url) for url in urls] == with_one


@pytest.mark.django_db
def test_partners_are_found_by_other_word_forms(client, directory):
    make_partner("Детская библиотека", city="Минск", country="Беларусь")
    for url in APIS:
        found = client.get(url, {"q": "библиотеки Минска"}).json()["partners"]
        assert [partner["short_name"] for partner in found] == ["Детская библиотека"]
    assert "Детская библиотека" in html_of(client, "библиотеки Минска")
