"""API v2 and v3: what other services must never see (drafts, private and future things,
comments not approved) is neither listed nor given in detail."""

import datetime

import pytest

from django.utils import timezone

from tests.conftest import (
    kept_for_the_module,
    make_directory,
    make_home,
    make_news,
    make_news_index,
    make_partner,
    make_promo,
    make_slide,
    make_standard_page,
    restrict,
)
from tests.news.comments_helpers import approved

WEEK = datetime.timedelta(days=7)


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The module's images (`hidden`) outlive each test."""
    return tmp_path_factory.mktemp("api-hidden")


@pytest.fixture(scope="module")
def hidden(django_db_setup, django_db_blocker, files_folder):
    """What the API must not show, next to what it shows: built once for the module, whose
    tests only read."""
    with kept_for_the_module(django_db_blocker, files_folder):
        home = make_home()
        news_index = make_news_index(home)
        make_directory(home)
        make_standard_page(home)
        yield build_hidden(news_index)


def build_hidden(news_index):
    now = timezone.now()
    commented = make_news(news_index, title="Обсуждаемая")
    approved(commented, comment="Открытый комментарий")
    return {
        "commented news": commented,
        "pending comment": approved(commented, comment="Секретный ожидающий", is_public=False),
        "removed comment": approved(
            commented, comment="Секретный удалённый", is_public=False, is_removed=True
        ),
        "draft news": make_news(news_index, title="Секретный черновик", live=False),
        "private news": restrict_page(make_news(news_index, title="Секретная закрытая")),
        "future slide": make_slide("Секретный будущий слайд", starts_at=now + WEEK),
        "draft slide": make_slide("Секретный черновик слайда", live=False),
        "draft promo": make_promo("Секретное промо", live=False),
        "draft partner": make_partner("Секретный партнёр", live=False),
    }  # fmt: skip


def restrict_page(page):
    restrict(page)
    return page


LISTINGS = [
    "/api/v2/pages/",
    "/api/v2/pages/?type=news.NewsPage&fields=*",
    "/api/v2/pages/?search=Секретн",
    "/api/v2/pages/?type=news.NewsPage&search=Секретн",
    "/api/v2/slides/",
    "/api/v2/promos/",
    "/api/v2/partners/",
    "/api/v2/partners/?search=Секретный",
    "/api/v3/pages/",
    "/api/v3/pages/?search=Секретн",
    "/api/v3/partners/",
    "/api/v3/slides/",
    "/api/v3/promos/",
    "/api/v2/comments/?page={commented}",
    "/api/v3/comments/?page={commented}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", LISTINGS)
def test_nothing_hidden_is_listed(client, hidden, url):
    response = client.get(url.format(commented=hidden["commented news"].pk))
    assert response.status_code == 200
    assert "Секрет" not in response.content.decode("unicode_escape")


DETAILS = {
    "draft news": ["/api/v2/pages/{pk}/", "/api/v3/pages/{pk}/"],
    "private news": ["/api/v2/pages/{pk}/", "/api/v3/pages/{pk}/"],
    "future slide": ["/api/v2/slides/{pk}/", "/api/v3/slides/{pk}/"],
    "draft slide": ["/api/v2/slides/{pk}/", "/api/v3/slides/{pk}/"],
    "draft promo": ["/api/v2/promos/{pk}/", "/api/v3/promos/{pk}/"],
    "draft partner": ["/api/v2/partners/{pk}/", "/api/v3/partners/{pk}/"],
    "pending comment": ["/api/v2/comments/{pk}/", "/api/v3/comments/{pk}/"],
    "removed comment": ["/api/v2/comments/{pk}/", "/api/v3/comments/{pk}/"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", DETAILS)
def test_hidden_things_have_no_detail(client, hidden, name):
    for url in DETAILS[name]:
        response = client.get(url.format(pk=hidden[name].pk))
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/")


@pytest.mark.django_db
def test_find_does_not_reach_drafts_or_private_pages(client, hidden):
    for name in ("draft news", "private news"):
        path = hidden[name].url_path.removeprefix("/home")
        response = client.get("/api/v2/pages/find/", {"html_path": path})
        assert response.status_code == 404, name
