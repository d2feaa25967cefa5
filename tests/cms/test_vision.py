"""The version for the visually impaired: server-side preferences in a cookie, plain links."""

import re

import pytest

from django.contrib.staticfiles import finders

from cms.vision import CHOICES, COOKIE_NAME, VisionPreferences
from tests.conftest import make_image, make_news, make_partner, make_promo, make_slide


def test_preferences_round_trip_through_the_cookie():
    preferences = VisionPreferences(
        enabled=True, size="3", scheme="green", font="serif", letters="wider", lines="wide",
        images="off",
    )  # fmt: skip
    assert VisionPreferences.from_cookie(preferences.to_cookie()) == preferences


def test_the_standards_settings_are_all_offered():
    assert set(CHOICES["scheme"][1]) == {"bw", "wb", "blue", "brown", "green"}
    assert set(CHOICES["font"][1]) == {"sans", "serif"}
    assert len(CHOICES["size"][1]) >= 3
    assert len(CHOICES["letters"][1]) >= 2 and len(CHOICES["lines"][1]) >= 2


@pytest.mark.parametrize(
    "cookie, letters, lines",
    [
        ("enabled=1&spacing=wide", "wide", "wide"),
        ("enabled=1&spacing=normal", "normal", "normal"),
        ("enabled=1&spacing=wide&letters=wider", "wider", "wide"),
        ("enabled=1&spacing=huge", "normal", "normal"),
    ],
)
def test_a_cookie_from_before_the_split_keeps_its_spacing(cookie, letters, lines):
    preferences = VisionPreferences.from_cookie(cookie)
    assert (preferences.letters, preferences.lines) == (letters, lines)
    assert "spacing" not in preferences.to_cookie()


def test_every_choice_is_a_class_on_the_html_element():
    preferences = VisionPreferences(enabled=True, scheme="green", font="serif", letters="wider")
    assert preferences.html_class == (
        "vision vision-size-1 vision-scheme-green vision-font-serif vision-letters-wider "
        "vision-lines-normal vision-images-on"
    )
    assert VisionPreferences(font="serif").html_class == ""


def relative_luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    darker, lighter = sorted([relative_luminance(first), relative_luminance(second)])
    return (lighter + 0.05) / (darker + 0.05)


SCHEME_RULE = re.compile(
    r"html\.vision(?:-scheme-(\w+))? \{ "
    r"--vision-text: (#\w+); --vision-bg: (#\w+); --vision-link: (#\w+); \}"
)


def scheme_colours():
    """{scheme: (text, background, link)} as css/vision.css sets them (bw on html.vision)."""
    css = open(finders.find("css/vision.css"), encoding="utf-8").read()
    return {
        match[1] or "bw": tuple(expand(colour) for colour in match.groups()[1:])
        for match in SCHEME_RULE.finditer(css)
    }


def expand(colour):
    return colour if len(colour) == 7 else "#" + "".join(c * 2 for c in colour[1:])


def test_every_scheme_has_text_and_links_at_7_to_1():
    colours = scheme_colours()
    assert set(colours) == set(CHOICES["scheme"][1])
    for scheme, (text, background, link) in colours.items():
        assert contrast(text, background) >= 7, scheme
        assert contrast(link, background) >= 7, scheme


def test_the_brown_scheme_is_brown_not_grey():
    text, background, _ = scheme_colours()["brown"]
    red, green, blue = (int(text[i : i + 2], 16) for i in (1, 3, 5))
    assert red - blue >= 40  # a warm brown, not #4d4b43's grey


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
    client.get("/vision/", {"font": "serif", "next": "/"})
    client.get("/vision/", {"letters": "wider", "next": "/"})
    html = client.get("/").content.decode()
    assert (
        "vision-size-3 vision-scheme-blue vision-font-serif vision-letters-wider "
        "vision-lines-normal vision-images-on"
    ) in html
    for name, (_, options) in CHOICES.items():
        for value in options:
            assert f'href="/vision/?{name}={value}&amp;next=/"' in html


@pytest.mark.django_db
def test_an_old_spacing_link_widens_letters_and_lines(client, home):
    enable(client, spacing="wide")
    html = client.get("/").content.decode()
    assert "vision-letters-wide vision-lines-wide" in html


@pytest.mark.django_db
def test_normal_version_link_switches_off(client, home):
    enable(client)
    client.get("/vision/", {"enabled": "0", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="ru">' in html
    assert "Версия для слабовидящих" in html


@pytest.mark.django_db
def test_images_off_sends_no_content_picture_only_its_description(client, news_index):
    news = make_news(news_index, title="Новость с фото", image=make_image("Выставка"))
    make_slide(title="Первый слайд", image_alt="Читатели в зале")
    make_promo(title="Проект")
    make_partner("Библиотека на Весенней", featured=True)
    pages = ["/", "/novosti/", news.url]
    assert all("<picture" in client.get(url).content.decode() for url in pages)
    enable(client, images="off")
    for url in pages:
        html = client.get(url).content.decode()
        assert "vision-images-off" in html
        assert "<img" not in html and "<picture" not in html and "srcset" not in html, url
    assert (
        '<span class="vision-alt">Описание: Выставка</span>'
        in client.get(news.url).content.decode()
    )
    assert '<span class="vision-alt">Читатели в зале</span>' in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_switch_to_the_version_for_the_visually_impaired_is_in_a_landmark(client, home):
    html = client.get("/").content.decode()
    assert re.search(
        r'<nav class="vision-switch[^"]*" aria-label="[^"]+">\s*<a href="/vision/\?enabled=1', html
    )


@pytest.mark.django_db
def test_each_font_gets_its_own_cached_page(client, home, page_cache_on):
    client.cookies[COOKIE_NAME] = "enabled=1&font=sans"
    sans = client.get("/")
    client.cookies[COOKIE_NAME] = "enabled=1&font=serif"
    serif = client.get("/")
    assert (sans["X-Page-Cache"], serif["X-Page-Cache"]) == ("miss", "miss")
    assert "vision-font-serif" in serif.content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)"]
)
def test_next_cannot_send_readers_to_another_site(client, home, target):
    response = client.get("/vision/", {"enabled": "1", "next": target})
    assert response["Location"] == "/"
