"""Home, directory and partner pages: the same SQL queries with 1 and with 50 of everything."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NewsPartner
from tests.conftest import (
    TINY,
    forget_fragments,
    indexed_once,
    make_image,
    make_news,
    make_partner,
    make_promo,
    make_slide,
    publish,
)

# A hundred items' renditions are made once, when the page or API first asks for them.
pytestmark = pytest.mark.usefixtures("renditions_on_view")


def count_queries(client, url):
    client.get(url)  # warm up: renditions are created on first view
    forget_fragments()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@indexed_once()
def fill(news_index, start, count):
    """`count` each of slides, promos, featured partners and news naming a partner."""
    for number in range(start, start + count):
        make_slide(
            f"Слайд {number}", sort_order=number, link_url="https://example.org/",
            image=make_image(f"Слайд {number}", TINY),
        )  # fmt: skip
        make_promo(
            f"Промо {number}", group=("projects", "contests")[number % 2],
            image=make_image(f"Промо {number}", TINY),
        )  # fmt: skip
        partner = make_partner(
            f"Библиотека {number}", featured=True, region=f"Регион {number % 7}",
            country=("Россия", "Беларусь", "Казахстан")[number % 3],
            logo=make_image(f"Логотип {number}", TINY),
        )  # fmt: skip
        make_news(
            news_index, title=f"Новость {number}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            news_partners=[NewsPartner(partner=partner)],
        )  # fmt: skip
    return partner


@pytest.mark.django_db
def test_home_directory_and_partner_pages_do_not_grow(client, directory, news_index):
    first = fill(news_index, 0, 1)
    urls = ["/", directory.url, f"{directory.url}{first.slug}/", f"{directory.url}?country=Россия"]
    with_one = [count_queries(client, url) for url in urls]
    fill(news_index, 1, 49)
    with_fifty = [count_queries(client, url) for url in urls]
    assert with_fifty == with_one


@pytest.mark.django_db
def test_news_page_with_many_partners_runs_the_same_queries(client, directory, news_index):
    with indexed_once():
        partners = [
            make_partner(f"Партнёр {number}", logo=make_image(f"Логотип {number}", TINY))
            for number in range(50)
        ]
    one = make_news(news_index, title="Один партнёр")
    one.news_partners = [NewsPartner(partner=partners[0])]
    publish(one)
    many = make_news(news_index, title="Много партнёров")
    many.news_partners = [NewsPartner(partner=partner) for partner in partners]
    publish(many)
    assert count_queries(client, many.url) == count_queries(client, one.url)
