"""The home page's API detail runs the same SQL queries with 1 and with 100 of each thing it
shows: news, slides, promos and partners."""

import pytest

from tests.conftest import (
    TINY,
    count_queries,
    indexed_once,
    make_image,
    make_news,
    make_partner,
    make_promo,
    make_slide,
    publish,
)


@indexed_once()
def fill(news_index, count, start=0):
    """Each item with a picture of its own, so that a query per picture would show."""
    for number in range(start, start + count):
        make_news(
            news_index, title=f"Новость {number}", image=make_image(f"Картинка {number}", TINY)
        )
        make_slide(f"Слайд {number}", image=make_image(f"Слайд {number}", TINY))
        make_promo(
            f"Промо {number}", group=("projects", "contests")[number % 2],
            image=make_image(f"Промо {number}", TINY),
        )  # fmt: skip
        make_partner(f"Партнёр {number}", featured=True, logo=make_image(f"Логотип {number}", TINY))


@pytest.mark.django_db
@pytest.mark.usefixtures("renditions_on_view")
def test_home_detail_queries_do_not_grow_with_news_slides_promos_or_partners(
    client, home, news_index, directory
):
    home.news_count = 24
    publish(home)
    urls = [f"/api/{version}/pages/{home.pk}/" for version in ("v2", "v3")]
    fill(news_index, 1)
    with_one = {url: count_queries(client, url) for url in urls}
    fill(news_index, 99, start=1)
    assert {url: count_queries(client, url) for url in urls} == with_one
