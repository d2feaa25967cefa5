"""Pages served from a remembered route (cms.routing): fewer queries, never a wrong page."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from cms import routing
from tests.conftest import make_news, make_partner, restrict


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость по адресу")


def test_a_served_address_is_routed_again_without_walking_the_tree(client, article):
    client.get(article.url)  # renditions, fragments, the route
    routing.remembered.clear()
    walked = queries_of(client, article.url)[1]
    response, remembered = queries_of(client, article.url)
    assert response.status_code == 200
    assert "Новость по адресу" in response.content.decode()
    assert remembered <= walked - 3  # the root, the index and the item: one query, not four


def test_an_unpublished_page_is_not_served_from_its_remembered_route(client, article):
    assert client.get(article.url).status_code == 200
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_a_renamed_page_answers_at_its_new_address_only(client, article):
    old_url = article.url
    assert client.get(old_url).status_code == 200
    article.slug = "novyj-adres"
    article.save_revision().publish()
    article.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(article.url).status_code == 200


def test_a_page_made_private_after_its_route_was_remembered_asks_for_the_password(client, article):
    assert client.get(article.url).status_code == 200
    restrict(article)
    response = client.get(article.url)
    assert "Новость по адресу" not in response.content.decode()
    assert "пароль" in response.content.decode().lower()


def test_a_routable_pages_own_views_are_routed_by_wagtail_each_time(client, directory):
    partner = make_partner("Библиотека на маршруте")
    url = f"{directory.url}{partner.slug}/"
    pages = [client.get(url) for _ in range(2)]
    assert [page.status_code for page in pages] == [200, 200]
    assert all("Библиотека на маршруте" in page.content.decode() for page in pages)
    assert client.get(f"{directory.url}net-takoj/").status_code == 404


def test_a_site_given_another_host_answers_there_and_no_longer_at_the_old_one(client, article):
    assert client.get(article.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.is_default_site = "biblioteka.example", False
    site.save()
    assert client.get(article.url).status_code == 404  # testserver names no site now
    assert client.get(article.url, HTTP_HOST="biblioteka.example").status_code == 200


def test_links_follow_a_site_given_another_host(client, news_index):
    """The sites' root paths are kept per process while no site changes: a new host is in
    the very next page's links."""
    home = news_index.get_parent()
    assert 'rel="canonical" href="http://testserver/"' in client.get(home.url).content.decode()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "biblioteka.example"
    site.save()
    page = client.get(home.url).content.decode()
    assert 'rel="canonical" href="http://biblioteka.example/"' in page
