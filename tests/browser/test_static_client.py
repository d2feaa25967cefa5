"""The reference client (docs/client/), served from its own origin, shows what the site shows.

Every comparison reads the live site's own pages and the client's pages in the same test,
from the demo content: if the API loses something a reader sees, the client cannot show it.
"""

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import quote

import pytest

from news.comments.models import ReaderComment
from news.models import NewsPage
from partners.models import Partner
from tooling.chromium import run_axe, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIENT = Path(__file__).resolve().parents[2] / "docs" / "client"
SEED_SLUG = "biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def client_origin():
    """The client's folder over real HTTP, on a free port of its own (another origin)."""
    handler = functools.partial(QuietHandler, directory=str(CLIENT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def open_client(live_server, client_origin, settings, open_page):
    """A tab on a route of the client, reading the live site's API across origins."""
    settings.CORS_ALLOWED_ORIGINS = [client_origin]
    api = quote(f"{live_server.url}/api/v2/", safe=":/")

    def open_route(route, tab=None):
        tab = tab or open_page()
        tab.goto(f"{client_origin}/index.html?api={api}#{route}")
        wait_until(tab, "document.getElementById('main').getAttribute('aria-busy') === 'false'")
        assert tab.locator("[data-load-error]").count() == 0, tab.locator("main").inner_text()
        return tab

    return open_route


@pytest.fixture(autouse=True)
def clear_rate_limit():
    from django.core.cache import cache

    cache.clear()


def texts(tab, selector):
    """Each match's text as a reader reads it, whitespace collapsed (hidden text included)."""
    return [" ".join(text.split()) for text in tab.locator(selector).all_text_contents()]


def grouped(tab, section_selector, heading_selector, item_selector):
    """{section heading: [item texts]} for every section the selector finds."""
    return {
        " ".join(section.locator(heading_selector).text_content().split()): texts(
            section, item_selector
        )
        for section in tab.locator(section_selector).all()
    }


def test_client_home_shows_the_sites_sections_slides_news_and_partners(
    live_server, demo_site, open_page, open_client, screenshot
):
    site = open_page()
    site.goto(live_server.url + "/")
    client = open_client("/")

    # The section headings, in the order the site shows them (slide titles are slides).
    site_headings = texts(site, "main h2:not(.slider__title)")
    assert site_headings[0] == "Новости"
    assert texts(client, "[data-section] > h2") == site_headings

    for part in ("title", "subtitle"):
        assert texts(client, f".slide__{part}") == texts(site, f".slider__{part}")
    assert texts(client, ".slide__button") == texts(site, ".slider__caption a.button")
    assert texts(client, "[data-section=news] .news-card__title") == texts(
        site, ".latest-news .news-card__title"
    )
    assert grouped(client, "[data-section=promos]", "h2", ".promo__title") == grouped(
        site, "main .promo-group", "h2", ".promo__title"
    )
    assert texts(client, "[data-section=decide_together] p") == texts(site, "main .decide p")
    # `sections` gives the carousel in the editors' order.
    assert texts(client, "[data-section=partners] .partner__name") == texts(
        site, ".partner-carousel__name"
    )
    assert len(texts(client, ".partner__name")) == Partner.objects.featured().count() > 1

    assert texts(client, ".banner") == texts(site, ".pushkin-banner")
    assert texts(client, "[data-contacts] p") == texts(site, ".site-footer address p")
    images = client.locator("main img")
    assert images.count() > 10
    assert all(image.get_attribute("alt") is not None for image in images.all())
    wait_until(
        client,
        "[...document.querySelectorAll('.slide__image img')].slice(0, 1)"
        ".every(img => img.complete && img.naturalWidth > 0 && img.currentSrc.endsWith('.webp'))",
    )
    assert run_axe(client) == []
    screenshot(client, "client-home")


def all_news_titles(tab, card_selector, open_next):
    titles = texts(tab, card_selector)
    while tab.locator("a[rel=next]").count():
        open_next(tab)
        titles += texts(tab, card_selector)
    return titles


def test_client_news_list_pages_through_the_same_news_as_the_site(
    live_server, demo_site, open_page, open_client
):
    site = open_page()
    site.goto(live_server.url + "/novosti/")

    def next_site_page(tab):
        tab.locator("a[rel=next]").first.click()
        tab.wait_for_load_state()

    site_titles = all_news_titles(site, ".news-card__title", next_site_page)
    assert len(site_titles) == NewsPage.objects.live().count()

    client = open_client("/news")
    assert texts(client, "nav.pagination [aria-current=page]") == ["Страница 1 из 2"]

    def next_client_page(tab):
        current = tab.locator("[aria-current=page]").text_content()
        tab.locator("a[rel=next]").click()
        wait_until(
            tab,
            f"document.querySelector('[aria-current=page]')?.textContent !== {current!r}"
            " && document.getElementById('main').getAttribute('aria-busy') === 'false'",
        )

    assert all_news_titles(client, "[data-news-list] .news-card__title", next_client_page) == (
        site_titles
    )


def test_client_news_page_shows_the_article_and_its_comment_threads(
    live_server, demo_site, open_page, open_client, screenshot
):
    news = NewsPage.objects.get(slug=SEED_SLUG)
    site = open_page()
    site.goto(live_server.url + news.url)
    client = open_client(f"/news/{news.pk}")

    assert texts(client, "main h1") == texts(site, "main h1")
    assert texts(client, ".article .lead") == texts(site, ".news-article .lead")
    assert texts(client, ".rich-text p") == texts(site, ".article__body .block-paragraph p")
    assert texts(client, ".document-link") == texts(site, ".article__body .document-link")
    # The API lists tags by name; the page, in the editor's order. Each is a filter by slug.
    assert sorted(texts(client, ".tags li")) == sorted(texts(site, ".tags li"))
    assert sorted(
        link.get_attribute("href") for link in client.locator(".tags a[rel=tag]").all()
    ) == (sorted(f"#/news?tag={tag.slug}" for tag in news.tags.all()))
    assert texts(client, ".news-partners .partner__name") == texts(
        site, ".news-partners .partner-card__name"
    )
    assert texts(client, ".related li") == texts(site, ".related .news-card__title")
    assert texts(client, "#comments-heading") == texts(site, "#comments-heading")
    assert texts(client, ".comment__author") == texts(site, ".comment__author")
    assert texts(client, ".comment__text") == texts(site, ".comment__text")
    # The reply sits inside its thread, as the API nests it.
    assert client.locator(".comment .comment-list .comment__author").all_text_contents() == [
        "Библиотека"
    ]
    # The demo reply is the library's: marked in the client as on the site.
    assert (
        texts(client, ".comment__badge") == texts(site, ".comment__badge") == ["официальный ответ"]
    )
    assert client.locator(".comment__files img").count() == 1
    assert run_axe(client) == []
    screenshot(client, "client-news")

    phone = open_client(f"/news/{news.pk}", open_page(width=360))
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the client's news page scrolls sideways by {overflow}px on a phone"


def test_guest_comments_through_the_client_and_waits_for_moderation(
    live_server, demo_site, open_client, screenshot
):
    news = NewsPage.objects.get(slug=SEED_SLUG)
    tab = open_client(f"/news/{news.pk}")
    form = tab.locator("#comment-form")

    tab.get_by_label("Имя").fill("Гость <b>клиента</b>")
    tab.get_by_label("Электронная почта").fill("не-адрес")
    tab.get_by_role("button", name="Отправить комментарий").click()
    wait_until(tab, "!document.getElementById('comment-form-errors').hidden")
    errors = form.locator(".form-field__errors")
    assert dict(
        zip(
            [box.get_attribute("data-field") for box in form.locator(".form-field--error").all()],
            errors.all_inner_texts(),
            strict=True,
        )
    ) == {
        "email": "Введите правильный адрес электронной почты.",
        "comment": "Напишите текст комментария.",
        "consent": "Без согласия на обработку данных комментарий не отправить.",
    }
    assert tab.locator("textarea[name=comment]").get_attribute("aria-invalid") == "true"
    assert "comment-comment-errors" in tab.locator("textarea[name=comment]").get_attribute(
        "aria-describedby"
    )
    assert tab.get_by_role("alert").is_visible()
    assert tab.get_by_label("Имя").input_value() == "Гость <b>клиента</b>"
    assert tab.get_by_label("Электронная почта").input_value() == "не-адрес"
    screenshot(tab, "client-comment-errors")
    assert not ReaderComment.objects.filter(user_name="Гость <b>клиента</b>").exists()

    first = ReaderComment.objects.get(user_name="Ольга, мама читателя")
    tab.get_by_role("button", name="Ответить: Ольга, мама читателя").click()
    assert form.locator("h3").inner_text() == "Ответ на комментарий: Ольга, мама читателя"
    assert tab.get_by_label("Имя").input_value() == "Гость <b>клиента</b>"
    tab.get_by_label("Электронная почта").fill("guest@example.org")
    tab.locator("textarea[name=comment]").fill("Пишу из другого клиента.\nСпасибо за новость!")
    tab.get_by_label("Место").fill("Кемерово")
    tab.locator("input[name=consent]").check()
    tab.get_by_role("button", name="Отправить комментарий").click()
    status = tab.locator("[data-comment-notice]")
    wait_until(tab, "document.querySelector('[data-comment-notice]').textContent !== ''")
    assert re.match(r"Комментарий отправлен на модерацию\. ", status.inner_text())
    assert form.locator(".form-field--error").count() == 0
    assert tab.locator("textarea[name=comment]").input_value() == ""
    screenshot(tab, "client-comment-sent")

    comment = ReaderComment.objects.get(user_email="guest@example.org")
    assert comment.user_name == "Гость <b>клиента</b>"
    assert comment.comment == "Пишу из другого клиента.\nСпасибо за новость!"
    assert comment.place_name == "Кемерово"
    assert comment.object_pk == str(news.pk)
    assert (comment.parent_id, comment.level) == (first.pk, 1)
    assert (comment.is_public, comment.is_removed) == (False, False)
    assert comment.consent and comment.consent_at is not None

    tab.reload()
    wait_until(tab, "document.getElementById('main').getAttribute('aria-busy') === 'false'")
    assert "Пишу из другого клиента" not in tab.locator("#comments").inner_text()
