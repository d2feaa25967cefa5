"""Anti-spam: the per-IP rate limit, holds for links and stop words; location rounding."""

from decimal import Decimal

import pytest

from django.contrib.auth import get_user_model

from news.comments.models import CommentStopWord, ReaderComment
from tests.conftest import make_news
from tests.news.comments_helpers import comment_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость для спамеров")


@pytest.fixture
def reader(db):
    return get_user_model().objects.create_user(
        "reader", "reader@example.org", "x", first_name="Анна", last_name="Петрова"
    )


def test_sixth_comment_from_one_address_in_ten_minutes_is_refused(client, article):
    for number in range(5):
        response = client.post(article.url, comment_data(article, comment=f"Текст {number}"))
        assert response.status_code == 302
    response = client.post(article.url, comment_data(article, comment="Шестой"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Слишком много комментариев подряд." in html
    assert "Шестой</textarea>" in html
    assert ReaderComment.objects.count() == 5
    # Another address is not affected.
    other = client.post(
        article.url, comment_data(article, comment="С другого адреса"), REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_rate_limit_comes_from_settings(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    client.post(article.url, comment_data(article, comment="Первый"))
    assert client.post(article.url, comment_data(article, comment="Второй")).status_code == 429


def test_signed_in_reader_posts_under_the_account_name(client, article, reader):
    client.force_login(reader)
    html = client.get(article.url).content.decode()
    assert "Вы пишете как <strong>Анна Петрова</strong>" in html
    data = comment_data(article, name=None, email=None)
    assert client.post(article.url, data).status_code == 302
    comment = ReaderComment.objects.get()
    assert (comment.user, comment.user_name, comment.user_email) == (
        reader,
        "Анна Петрова",
        "reader@example.org",
    )
    assert not comment.is_public  # readers are pre-moderated by default


def test_without_pre_moderation_a_readers_comment_is_published(client, article, reader, settings):
    settings.COMMENTS_PREMODERATE_USERS = False
    client.force_login(reader)
    response = client.post(article.url, comment_data(article, name=None, email=None))
    comment = ReaderComment.objects.get()
    assert comment.is_public
    assert response["Location"].endswith(f"#c{comment.pk}")
    assert "Комментарий опубликован" in client.get(article.url).content.decode()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Смотрите http://a.example, https://b.example и www.c.example", "ссылок: 3"),
        ("Купите дешёвые КРОССОВКИ тут", "стоп-слова: «кроссовки»"),
    ],
)
def test_links_and_stop_words_hold_even_a_trusted_readers_comment(
    client, article, reader, settings, text, reason
):
    settings.COMMENTS_PREMODERATE_USERS = False
    CommentStopWord.objects.create(word="кроссовки")
    client.force_login(reader)
    client.post(article.url, comment_data(article, name=None, email=None, comment=text))
    comment = ReaderComment.objects.get()
    assert not comment.is_public
    assert reason in comment.hold_reason


def test_two_links_are_not_held(client, article):
    client.post(article.url, comment_data(article, comment="http://a.example и http://b.example"))
    assert ReaderComment.objects.get().hold_reason == ""


def test_coordinates_are_stored_rounded_to_about_a_kilometre(client, article):
    data = comment_data(article, latitude="55.354968", longitude="86.087314", place_name="Кемерово")
    assert client.post(article.url, data).status_code == 302
    comment = ReaderComment.objects.get()
    assert (comment.latitude, comment.longitude) == (Decimal("55.35"), Decimal("86.09"))
    ReaderComment.objects.update(is_public=True)
    html = client.get(article.url).content.decode()
    assert "https://www.openstreetmap.org/?mlat=55.35&amp;mlon=86.09" in html
    assert "Кемерово" in html
    assert "55.354968" not in html


def test_a_typed_place_name_needs_no_coordinates(client, article):
    client.post(article.url, comment_data(article, place_name="Новокузнецк"))
    comment = ReaderComment.objects.get()
    assert (comment.place_name, comment.latitude) == ("Новокузнецк", None)


@pytest.mark.parametrize(("lat", "lon"), [("95", "10"), ("10", ""), ("abc", "10")])
def test_bad_coordinates_are_refused(client, article, lat, lon):
    data = comment_data(article, latitude=lat, longitude=lon)
    assert client.post(article.url, data).status_code == 400
    assert not ReaderComment.objects.exists()


def test_a_submission_the_database_already_holds_is_answered_with_the_first_comment(
    client, article
):
    # The digest is the database's double-submit guard (the cache may be down): here the
    # first comment's text was edited since, so only the digest still knows the submission.
    data = comment_data(article)
    assert client.post(article.url, data).status_code == 302
    ReaderComment.objects.update(comment="Отредактировано модератором")
    again = client.post(article.url, data)
    assert again.status_code == 302
    assert again.url.endswith("#comments")
    assert ReaderComment.objects.count() == 1
