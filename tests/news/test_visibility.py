"""Drafts and restricted pages never leak: not as pages, not in listings, RSS or sitemap."""

import xml.etree.ElementTree as ET

import pytest

from tests.conftest import make_news, restrict

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def mixed_news(news_index, standard_page):
    return {
        "live": make_news(news_index, title="Опубликованная новость"),
        "draft": make_news(news_index, title="Черновик новости", live=False),
        "restricted": restrict_page(make_news(news_index, title="Новость для своих")),
    }


def restrict_page(page):
    restrict(page)
    return page


@pytest.mark.django_db
def test_draft_news_returns_404(client, mixed_news):
    assert client.get("/novosti/chernovik-novosti/").status_code == 404


@pytest.mark.django_db
def test_restricted_news_asks_for_a_password(client, mixed_news):
    url = mixed_news["restricted"].url
    html = client.get(url).content.decode()
    assert "Доступ по паролю" in html
    assert "Анонс: Новость для своих" not in html

    restriction = mixed_news["restricted"].get_view_restrictions().get()
    action = f"/_util/authenticate_with_password/{restriction.pk}/{mixed_news['restricted'].pk}/"
    client.post(action, {"password": "секрет", "return_url": url})
    assert "Анонс: Новость для своих" in client.get(url).content.decode()


@pytest.mark.django_db
def test_index_and_home_list_only_live_public_news(client, mixed_news, news_index):
    for url in ("/", news_index.url):
        html = client.get(url).content.decode()
        assert "Опубликованная новость" in html
        assert "Черновик новости" not in html
        assert "Новость для своих" not in html


@pytest.mark.django_db
def test_rss_is_valid_and_lists_only_live_public_news(client, mixed_news):
    response = client.get("/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "ru"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Опубликованная новость"]
    item = channel.find("item")
    assert item.findtext("link") == "http://testserver/novosti/opublikovannaya-novost/"
    assert item.findtext("pubDate")


@pytest.mark.django_db
def test_rss_is_linked_from_every_page_head(client, mixed_news):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html


@pytest.mark.django_db
def test_sitemap_lists_exactly_the_live_public_pages(client, mixed_news, home, news_index):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = sorted(loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS))
    assert locations == sorted(
        [
            "http://testserver/",
            "http://testserver/novosti/",
            "http://testserver/novosti/opublikovannaya-novost/",
            "http://testserver/o-biblioteke/",
        ]
    )


@pytest.mark.django_db
def test_login_restricted_news_sends_readers_to_a_russian_login(client, news_index):
    from wagtail.models import PageViewRestriction

    page = make_news(news_index, title="Только для читателей")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[0][0].startswith("/_util/login/?next=")
    assert "<h1>Вход</h1>" in html
    assert "Анонс: Только для читателей" not in html
