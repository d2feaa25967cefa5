"""Parts of pages rendered once for every reader (cms.fragments) show a change on the next
render: the page cache never serves signed-in readers, fragments do."""

import datetime
import time

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.comments.moderation import approve
from tests.conftest import make_news, make_promo, make_standard_page
from tests.news.comments_helpers import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("masha", "masha@example.org", "x"))
    return client


def comment_queries(client, url):
    """The page's HTML, and how many of its queries read comments."""
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, sum("django_comments" in query["sql"] for query in queries)


def test_an_approved_comment_shows_on_the_next_render_for_a_signed_in_reader(reader, news_index):
    article = make_news(news_index, title="Обсуждаем")
    approved(article, comment="Первый комментарий")
    pending = approved(article, comment="Второй комментарий", is_public=False)

    reader.get(article.url)
    html, reads = comment_queries(reader, article.url)
    assert "Первый комментарий" in html and "Второй комментарий" not in html
    assert "Комментарии (1)" in html
    assert reads == 0  # the threads came from the fragment

    approve([pending])

    html = reader.get(article.url).content.decode()
    assert "Второй комментарий" in html
    assert "Комментарии (2)" in html


def test_the_reader_s_own_form_is_never_shared(reader, news_index):
    article = make_news(news_index, title="Обсуждаем")
    approved(article, comment="Первый комментарий")

    signed_in = reader.get(article.url).content.decode()
    guest = Client().get(article.url).content.decode()

    assert "Вы пишете как" in signed_in and "Вы пишете как" not in guest
    assert "Первый комментарий" in guest


def test_a_page_of_threads_past_the_last_shows_the_last(reader, news_index, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 1
    article = make_news(news_index, title="Обсуждаем")
    for number in range(3):
        approved(article, comment=f"Комментарий {number}")

    for _ in range(2):
        html = reader.get(article.url + "?comments=99").content.decode()
        assert "Страница 3 из 3" in html and "Комментарий 2" in html
    html = reader.get(article.url + "?comments=нет").content.decode()
    assert "Страница 1 из 3" in html and "Комментарий 0" in html
    html = reader.get(article.url + "?comments=0").content.decode()
    assert "Страница 3 из 3" in html  # as Django's Paginator.get_page() has it


def test_a_new_promo_appears_on_the_next_render(reader, home, news_index):
    article = make_news(news_index, title="Новость")
    make_promo("Первый проект")
    for url in ("/", article.url):
        reader.get(url)
        assert "Первый проект" in reader.get(url).content.decode()

    make_promo("Второй проект")

    for url in ("/", article.url):
        html = reader.get(url).content.decode()
        assert "Первый проект" in html and "Второй проект" in html


def test_a_promo_appears_when_its_date_comes_with_no_change_to_content(reader, home):
    starts = timezone.now() + datetime.timedelta(seconds=1.5)
    make_promo("Скоро", starts_at=starts)
    assert "Скоро" not in reader.get("/").content.decode()
    assert "Скоро" not in reader.get("/").content.decode()

    time.sleep(max(0, (starts - timezone.now()).total_seconds()) + 0.1)

    assert "Скоро" in reader.get("/").content.decode()


def test_a_news_item_published_appears_in_the_index_and_on_home(reader, home, news_index):
    make_news(news_index, title="Старая", date=datetime.date(2026, 10, 1))
    for url in (news_index.url, "/"):
        reader.get(url)

    make_news(news_index, title="Свежая", date=datetime.date(2026, 11, 1))

    index = reader.get(news_index.url).content.decode()
    assert "Свежая" in index and "Ноябрь 2026" in index
    assert "Свежая" in reader.get("/").content.decode()


def test_the_menu_marks_the_page_being_read(client, home, news_index):
    about = make_standard_page(home)
    for _ in range(2):
        on_news = client.get(news_index.url).content.decode()
        on_about = client.get(about.url).content.decode()

    assert f'<a href="{news_index.url}" aria-current="page">' in on_news
    assert f'<a href="{about.url}">' in on_news
    assert f'<a href="{about.url}" aria-current="page">' in on_about
    assert f'<a href="{news_index.url}">' in on_about


def test_an_editor_s_preview_never_reaches_readers(client, news_index):
    article = make_news(news_index, title="Опубликованный заголовок")
    draft = article.get_latest_revision_as_object()
    draft.title = "Черновой заголовок"

    preview = draft.make_preview_request().content.decode()
    pages = [client.get(article.url).content.decode() for _ in range(2)]

    assert "Черновой заголовок" in preview
    assert not any("Черновой заголовок" in page for page in pages)
