"""A partner is shown (published) or nowhere: one rule for the directory, the partner pages,
the home carousel, news pages, both APIs, the media lists and the sitemap."""

from xml.etree import ElementTree

import pytest

from django.utils import timezone

from news.models import NewsPartner
from tests.conftest import make_news, make_partner, publish

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def partners(directory):
    return {
        "shown": make_partner("Томская ОДЮБ", featured=True),
        "draft": make_partner("Черновик партнёра", featured=True, live=False),
    }


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_sitemap_lists_the_page_of_every_shown_partner(client, home, directory, partners):
    locations = sitemap_locations(client)

    assert f"http://testserver{directory.url}" in locations
    assert f"http://testserver{directory.url}{partners['shown'].slug}/" in locations
    assert not any(partners["draft"].slug in location for location in locations)
    assert client.get(f"{directory.url}{partners['shown'].slug}/").status_code == 200


def test_sitemap_gives_each_partner_page_its_last_publication_date(client, directory, partners):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}
    location = f"http://testserver{directory.url}{partners['shown'].slug}/"
    published = partners["shown"].last_published_at
    assert entries[location] == timezone.localdate(published).isoformat()


def test_an_unpublished_partner_leaves_the_sitemap(client, directory, partners):
    partners["shown"].unpublish()

    assert not any(partners["shown"].slug in location for location in sitemap_locations(client))
    assert f"http://testserver{directory.url}" in sitemap_locations(client)


def test_sitemap_has_no_partner_pages_while_the_directory_is_a_draft(client, directory, partners):
    directory.unpublish()

    assert not any(partners["shown"].slug in location for location in sitemap_locations(client))


def test_a_draft_partner_is_in_no_api_answer(client, news_index, partners):
    news = make_news(news_index, title="Новость о партнёрах")
    news.news_partners = [NewsPartner(partner=partner) for partner in partners.values()]
    publish(news)

    for version in ("v2", "v3"):
        assert client.get(f"/api/{version}/partners/{partners['draft'].pk}/").status_code == 404
        assert client.get(f"/api/{version}/partners/{partners['shown'].pk}/").status_code == 200
    detail = client.get(f"/api/v2/pages/{news.pk}/").json()
    listing = client.get("/api/v2/pages/", {"type": "news.NewsPage", "fields": "partners"})
    for links in (detail["partners"], listing.json()["items"][0]["partners"]):
        assert [link["short_name"] for link in links] == ["Томская ОДЮБ"]
    assert "Черновик партнёра" not in client.get(news.url).content.decode()


def test_the_home_carousel_shows_only_shown_featured_partners(client, home, partners):
    html = client.get(home.url).content.decode()

    assert "Томская ОДЮБ" in html
    assert "Черновик партнёра" not in html
