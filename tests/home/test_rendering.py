import pytest

from django.test import Client

from tests.conftest import make_image, make_news


@pytest.fixture
def site_pages(home, news_index, standard_page, rubric):
    news = make_news(news_index, title="Праздник книги", image=make_image(), rubric=rubric)
    return {"home": home, "index": news_index, "standard": standard_page, "news": news}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "index", "standard", "news"])
def test_every_page_type_renders_for_a_reader(client, site_pages, name):
    response = client.get(site_pages[name].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert html.count("<main") == 1
    assert 'aria-label="Главное меню"' in html


@pytest.mark.django_db
def test_menu_lists_pages_shown_in_menus(client, site_pages):
    html = client.get("/").content.decode()
    assert 'href="/novosti/"' in html
    assert 'href="/o-biblioteke/"' in html


@pytest.mark.django_db
def test_breadcrumbs_lead_back_to_home_and_index(client, site_pages):
    html = client.get(site_pages["news"].url).content.decode()
    assert 'aria-label="Навигационная цепочка"' in html
    assert '<a href="/">Главная</a>' in html
    assert '<a href="/novosti/">Новости</a>' in html


@pytest.mark.django_db
def test_pages_request_nothing_from_other_hosts(client, site_pages):
    for page in site_pages.values():
        html = client.get(page.url).content.decode()
        for attribute in ('src="http', "src='http", 'href="//', 'src="//'):
            assert attribute not in html, f"{page.url} loads a third-party resource"
        stylesheet_links = [line for line in html.splitlines() if 'rel="stylesheet"' in line]
        assert all('href="/static/' in line for line in stylesheet_links)


@pytest.mark.django_db
def test_unknown_address_gives_russian_404(client, home):
    response = client.get("/net-takoj-stranicy/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_russian_and_standalone(home, settings):
    settings.DEBUG = False
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    import cms.urls

    settings.ROOT_URLCONF = type(
        "Urls", (), {"urlpatterns": [path("broken/", broken), *cms.urls.urlpatterns]}
    )
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Что-то пошло не так" in response.content.decode()


@pytest.mark.django_db
def test_robots_txt_points_to_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
