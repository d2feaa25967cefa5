"""The header's «Войти» (guests) and name with «Выйти» (signed-in readers), and what the page
cache may share of it: the buttons come with a social application, a name never."""

import re

import pytest

from tests.conftest import make_news
from tests.readers.sign_in_helpers import add_app, buttons

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость для шапки")


@pytest.fixture
def reader(django_user_model):
    reader = django_user_model.objects.create_user("anna", "anna@example.org", "x")
    reader.first_name, reader.last_name = "Анна", "Книжная"
    reader.save()
    return reader


def header(html):
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def test_guests_get_a_sign_in_link_back_to_the_page(client, article):
    top = header(client.get(article.url + "?page=1").content.decode())
    link = re.search(r'<a class="reader-menu__sign-in" href="([^"]+)">Войти</a>', top).group(1)
    assert link == "/accounts/login/?next=%2Fnovosti%2Fnovost-dlya-shapki%2F%3Fpage%3D1"
    page = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'name="next" value="/novosti/novost-dlya-shapki/?page=1"' in page


def test_a_signed_in_reader_sees_their_name_and_signs_out_by_post(client, reader, article):
    client.force_login(reader)
    top = header(client.get(article.url).content.decode())
    assert "Войти</a>" not in top
    assert (
        '<a class="reader-menu__name" href="/accounts/"><span class="visually-hidden">'
        'Мой аккаунт: </span><span class="reader-menu__name-text">Анна Книжная</span></a>'
    ) in top
    form = re.search(r'<form class="reader-menu__logout" method="post" action="([^"]+)">', top)
    assert form.group(1) == "/accounts/logout/"
    assert 'name="csrfmiddlewaretoken"' in top
    assert f'<input type="hidden" name="next" value="{article.url}">' in top
    response = client.post("/accounts/logout/", {"next": article.url})
    assert response.status_code == 302 and response.url == article.url
    assert "reader-menu__sign-in" in client.get(article.url).content.decode()


def test_without_a_full_name_the_header_shows_the_username(client, django_user_model, home):
    client.force_login(django_user_model.objects.create_user("Пётр", "p@example.org", "x"))
    assert '<span class="reader-menu__name-text">Пётр</span>' in client.get("/").content.decode()


def test_a_cached_page_never_shows_a_name_and_a_reader_never_gets_a_cached_page(
    client, reader, article, page_cache_on
):
    client.force_login(reader)
    signed_in = client.get(article.url)
    assert "X-Page-Cache" not in signed_in and "Анна Книжная" in signed_in.content.decode()
    client.logout()
    client.cookies.clear()
    assert client.get(article.url)["X-Page-Cache"] == "miss"
    cached = client.get(article.url)
    assert cached["X-Page-Cache"] == "hit"
    assert "Анна Книжная" not in cached.content.decode()
    assert "reader-menu__sign-in" in cached.content.decode()
    client.force_login(reader)
    again = client.get(article.url)
    assert "X-Page-Cache" not in again and "Анна Книжная" in again.content.decode()


def test_a_page_cached_without_buttons_shows_one_once_an_app_is_added(
    client, article, page_cache_on
):
    assert client.get(article.url)["X-Page-Cache"] == "miss"  # stored, its token cut out
    cached = client.get(article.url)
    assert cached["X-Page-Cache"] == "hit" and buttons(cached.content.decode()) == []

    app = add_app("vk")
    fresh = client.get(article.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert [provider for provider, _ in buttons(fresh.content.decode())] == ["vk"]
    assert "https://id.vk.ru" in fresh["Content-Security-Policy"]
    # The cached copy keeps its token placeholder: each reader gets their own token.
    hit = client.get(article.url)
    assert hit["X-Page-Cache"] == "hit" and "__csrf_token_placeholder__" not in hit.content.decode()

    app.sites.clear()  # moved off this site: its button goes
    assert buttons(client.get(article.url).content.decode()) == []
    add_app("yandex")
    app.delete()
    assert [p for p, _ in buttons(client.get(article.url).content.decode())] == ["yandex"]
