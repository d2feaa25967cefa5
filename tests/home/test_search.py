import pytest

from django.db import connection

from home.models import OrganizationInfoPage, OrganizationSectionPage
from tests.conftest import add_page, make_news, restrict
from tests.events.helpers import make_event, make_event_index


@pytest.fixture
def searchable(news_index, standard_page):
    make_news(news_index, title="Конкурс чтецов для школьников")
    make_news(news_index, title="Неделя детской книги")
    make_news(news_index, title="Черновик про конкурс", live=False)
    hidden = make_news(news_index, title="Закрытый конкурс для сотрудников")
    restrict(hidden)
    return standard_page


@pytest.mark.django_db
def test_search_finds_live_news(client, searchable):
    html = client.get("/search/", {"q": "конкурс"}).content.decode()
    assert "Конкурс чтецов для школьников" in html
    assert "найдено: 1 страница" in html


@pytest.mark.django_db
def test_search_finds_standard_pages(client, searchable):
    html = client.get("/search/", {"q": "библиотеке"}).content.decode()
    assert "О библиотеке" in html


@pytest.mark.django_db
def test_search_never_shows_drafts_or_restricted_pages(client, searchable):
    html = client.get("/search/", {"q": "конкурс"}).content.decode()
    assert "Черновик" not in html
    assert "Закрытый" not in html


@pytest.mark.django_db
def test_search_without_matches_says_so(client, searchable):
    html = client.get("/search/", {"q": "астрофизика"}).content.decode()
    assert "ничего не найдено" in html


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"q": ""}, {"q": "книга", "page": "abc"}, {"q": "x" * 5000}])
def test_search_tolerates_odd_input(client, searchable, params):
    assert client.get("/search/", params).status_code == 200


@pytest.mark.django_db
def test_search_query_is_escaped(client, searchable):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL ranks by relevance")
def test_on_sqlite_results_come_newest_first_without_ranking(client, news_index):
    # SQLite's ranking took a minute over 10,000 news (cms/search_backend.py).
    for title in ("Старая новость о конкурсе", "Свежая новость о конкурсе"):
        make_news(news_index, title=title)
    html = client.get("/search/", {"q": "конкурсе"}).content.decode()
    assert html.index("Свежая новость") < html.index("Старая новость")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?search=конкурсе",
        "/api/v3/pages/?search=конкурсе",
        "/api/v2/partners/?search=Минск&country=Беларусь",
        "/api/v2/slides/?search=слайд",
        "/api/v2/promos/?search=промо&group=projects",
    ],
)
def test_api_search_works_with_each_endpoints_own_filters_and_order(client, news_index, url):
    make_news(news_index, title="Новость о конкурсе")
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_search_finds_events_with_their_age_mark_and_never_drafts(client, home):
    event_index = make_event_index(home)
    make_event(event_index, title="Мастер-класс по переплёту", age_mark=12)
    make_event(event_index, title="Черновик мастер-класса", live=False)

    html = client.get("/search/", {"q": "мастер-класс"}).content.decode()

    assert "Мастер-класс по переплёту" in html
    assert "Возрастное ограничение </span>12+</span>" in html
    assert "Черновик" not in html


@pytest.mark.django_db
def test_search_finds_the_organisations_official_sections(client, home):
    info = add_page(home, OrganizationInfoPage(title="Сведения об организации"))
    add_page(info, OrganizationSectionPage(title="Платные услуги и цены", lead="Прейскурант."))

    html = client.get("/search/", {"q": "прейскурант"}).content.decode()

    assert "Платные услуги и цены" in html
