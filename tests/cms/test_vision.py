"""The version for the visually impaired: server-side preferences in a cookie, plain links."""

import pytest

from cms.vision import COOKIE_NAME, VisionPreferences
from tests.conftest import make_image, make_news


def test_preferences_round_trip_through_the_cookie():
    preferences = VisionPreferences(enabled=True, size="3", scheme="brown", images="off")
    assert VisionPreferences.from_cookie(preferences.to_cookie()) == preferences


@pytest.mark.parametrize("cookie", ["", "size=9&scheme=pink", "garbage;;;", "enabled=yes"])
def test_unknown_or_broken_cookie_values_fall_back_to_defaults(cookie):
    assert VisionPreferences.from_cookie(cookie) == VisionPreferences()


def enable(client, **choices):
    return client.get("/vision/", {"enabled": "1", **choices, "next": "/novosti/"})


@pytest.mark.django_db
def test_switching_on_redirects_back_and_styles_the_next_page_on_the_server(client, news_index):
    response = enable(client, scheme="wb", size="2")
    assert response.status_code == 302 and response["Location"] == "/novosti/"
    assert response.cookies[COOKIE_NAME]["httponly"]
    html = client.get("/novosti/").content.decode()
    assert '<html lang="ru" class="vision vision-size-2 vision-scheme-wb' in html
    assert 'aria-label="Настройки версии для слабовидящих"' in html
    assert "Обычная версия сайта" in html


@pytest.mark.django_db
def test_each_setting_is_a_link_that_keeps_the_others(client, news_index):
    enable(client, scheme="blue")
    client.get("/vision/", {"size": "3", "next": "/"})
    client.get("/vision/", {"spacing": "wide", "next": "/"})
    html = client.get("/").content.decode()
    assert "vision-size-3 vision-scheme-blue vision-spacing-wide vision-images-on" in html
    assert 'href="/vision/?images=off&amp;next=/"' in html


@pytest.mark.django_db
def test_normal_version_link_switches_off(client, home):
    enable(client)
    client.get("/vision/", {"enabled": "0", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="ru">' in html
    assert "Версия для слабовидящих" in html


@pytest.mark.django_db
def test_images_off_shows_their_alt_text(client, news_index):
    make_news(news_index, title="Новость с фото", image=make_image("Выставка"))
    enable(client, images="off")
    html = client.get("/novosti/").content.decode()
    assert "vision-images-off" in html
    assert '<span class="vision-alt">Описание: Выставка</span>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)"]
)
def test_next_cannot_send_readers_to_another_site(client, home, target):
    response = client.get("/vision/", {"enabled": "1", "next": target})
    assert response["Location"] == "/"
