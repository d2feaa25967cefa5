"""POST /api/v2/comments/: a guest's comment through the page form's own path, answers as JSON."""

import json
import re

import pytest

from django.core import mail
from django.test import Client

from news.comments.models import CommentStopWord, ReaderComment
from tests.conftest import make_news, publish, restrict
from tests.feedback.helpers import make_feedback_page, reset_rate_limit
from tests.news.comments_helpers import approved, comment_data, image_upload

pytestmark = pytest.mark.django_db

URL = "/api/v2/comments/"

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость для отзывов")


def guest(article, **changes):
    """What a client sends: no security fields, no form to scrape."""
    data = {
        "page": article.pk,
        "name": "Маша Иванова",
        "email": "masha@example.org",
        "comment": "Спасибо за новость!",
        "consent": True,
    }
    return {key: value for key, value in (data | changes).items() if value is not None}


def post(client, data, **extra):
    return client.post(URL, json.dumps(data), content_type="application/json", **extra)


def test_a_guest_comment_waits_for_moderation_with_its_consent_recorded(client, article):
    response = post(client, guest(article, place_name="Кемерово", latitude=55.354, longitude=86.08))
    assert response.status_code == 201
    assert response.json() == {
        "status": "pending",
        "message": "Комментарий отправлен на модерацию",
        "id": None,
    }
    comment = ReaderComment.objects.get()
    assert not comment.is_public and comment.user is None
    assert comment.consent and comment.consent_at is not None
    assert comment.consent_policy_version == "1"
    assert comment.ip_address == "127.0.0.1"
    assert (comment.place_name, str(comment.latitude), str(comment.longitude)) == (
        "Кемерово", "55.35", "86.08",
    )  # fmt: skip
    assert client.get(URL, {"page": article.pk}).json()["items"] == []


def test_an_approved_comment_is_then_answered_and_counted(client, article):
    root = approved(article, comment="Корень")
    assert post(client, guest(article, reply_to=root.pk, comment="Мой ответ")).status_code == 201
    ReaderComment.objects.filter(comment="Мой ответ").update(is_public=True)
    [thread] = client.get(URL, {"page": article.pk}).json()["items"]
    assert thread["replies"][0]["text_html"] == "Мой ответ"
    assert client.get(f"/api/v2/pages/{article.pk}/").json()["comment_count"] == 2


def test_moderators_hear_of_a_comment_posted_through_the_api(client, article, settings):
    settings.COMMENTS_MODERATOR_EMAILS = ["moderator@example.org"]
    post(client, guest(article))
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]


def test_the_same_comment_twice_makes_one(client, article):
    first = post(client, guest(article))
    second = post(client, guest(article))
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["status"] == "pending"
    assert ReaderComment.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"consent": None},
            "consent",
            "Без согласия на обработку данных комментарий не отправить.",
        ),
        ({"consent": False}, "consent", "Без согласия"),
        ({"consent": "no"}, "consent", "Без согласия"),
        ({"comment": "  "}, "comment", "Напишите текст комментария."),
        ({"comment": "а" * 3001}, "comment", "3000"),
        ({"name": None}, "name", "Укажите имя."),
        ({"email": "не-почта"}, "email", "Введите правильный адрес электронной почты."),
        ({"honeypot": "http://spam.example"}, "honeypot", "Комментарий похож на спам"),
        ({"latitude": "abc", "longitude": 10}, "latitude", "Введите число."),
        ({"latitude": 55.3}, "place_name", "Координаты неполные"),
        ({"reply_to": "abc"}, "reply_to", "Введите целое число."),
        ({"comment": ["список", "строк"], "name": {"a": 1}, "email": 5}, "email", "адрес"),
    ],
)
def test_refused_comments_name_the_field_in_russian(client, article, changes, field, message):
    response = post(client, guest(article, **changes))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not ReaderComment.objects.exists()


def test_a_null_character_is_refused_before_the_form_sees_it(client, article):
    response = post(client, guest(article, name="Маша\x00"))
    assert response.status_code == 400
    assert "недопустимые символы" in response.json()["message"]
    assert not ReaderComment.objects.exists()


def test_a_reply_to_a_pending_comment_is_refused(client, article):
    pending = approved(article, is_public=False)
    response = post(client, guest(article, reply_to=pending.pk))
    assert response.status_code == 400
    assert response.json()["errors"]["reply_to"] == ["На этот комментарий ответить нельзя."]


def test_links_and_stop_words_hold_the_comment(client, article):
    CommentStopWord.objects.create(word="кроссовки")
    post(
        client,
        guest(article, comment="Купите кроссовки: http://a.example http://b.example www.c.example"),
    )
    assert "стоп-слова: «кроссовки»" in ReaderComment.objects.get().hold_reason
    assert "ссылок: 3" in ReaderComment.objects.get().hold_reason


def test_rate_limit_answers_429_and_shares_the_pages_counter(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 2
    assert post(client, guest(article, comment="Первый")).status_code == 201
    assert client.post(article.url, {}).status_code == 400  # the page's form counts only taken ones
    assert client.post(article.url, comment_data(article, comment="Второй")).status_code == 302
    response = post(client, guest(article, comment="Третий"))
    assert response.status_code == 429
    assert response.json()["message"].startswith("Слишком много комментариев подряд.")
    assert ReaderComment.objects.count() == 2


def test_client_ip_header_is_one_setting_for_comments_and_feedback(client, article, home, settings):
    reset_rate_limit("203.0.113.5")
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.COMMENTS_RATE_LIMIT = settings.FEEDBACK_RATE_LIMIT = 1
    post(client, guest(article, comment="Первый"), HTTP_X_REAL_IP="203.0.113.5")
    assert ReaderComment.objects.get().ip_address == "203.0.113.5"
    again = post(client, guest(article, comment="Второй"), HTTP_X_REAL_IP="203.0.113.5, 10.0.0.1")
    assert again.status_code == 429
    other = post(client, guest(article, comment="Третий"), HTTP_X_REAL_IP="203.0.113.6")
    assert other.status_code == 201

    feedback = make_feedback_page(home)
    request = {
        "imya": "Анна", "elektronnaya_pochta": "anna@example.org", "tema": "Другое",
        "soobshhenie": "Вопрос.", "consent": True,
    }  # fmt: skip
    url = f"/api/v2/feedback/{feedback.pk}/"
    first = client.post(url, request, content_type="application/json", HTTP_X_REAL_IP="203.0.113.5")
    second = client.post(
        url, request, content_type="application/json", HTTP_X_REAL_IP="203.0.113.5"
    )
    assert (first.status_code, second.status_code) == (201, 429)
    reset_rate_limit("203.0.113.5")


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{bad json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ('"text"', "application/json", 400),
        ("", "application/json", 400),
        ("page=1&comment=x", "application/x-www-form-urlencoded", 415),
        ("<comment/>", "application/xml", 415),
    ],
)
def test_malformed_bodies_get_a_json_4xx_in_russian(client, article, body, content_type, status):
    response = client.post(URL, body, content_type=content_type)
    assert response.status_code == status
    assert CYRILLIC.search(response.json()["message"])
    assert not ReaderComment.objects.exists()


@pytest.mark.parametrize("url", [URL, "/api/v2/feedback/1/"])
def test_json_bodies_larger_than_django_reads_get_413(client, article, settings, url):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"page": article.pk, "comment": "я" * 1000})
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["message"] == "Слишком большой запрос."
    assert not ReaderComment.objects.exists()


def test_pages_not_open_for_comments_get_a_json_4xx_naming_the_page(
    client, article, news_index, home, settings
):
    draft = make_news(news_index, title="Черновик", live=False)
    private = make_news(news_index, title="Закрытая")
    restrict(private)
    cases = [
        ({"page": None}, 400),
        ({"page": "abc"}, 400),
        ({"page": 9.5}, 400),
        ({"page": True}, 400),
        ({"page": [1]}, 400),
        ({"page": 999999}, 404),
        ({"page": 10**30}, 404),
        ({"page": home.pk}, 404),
        ({"page": draft.pk}, 404),
        ({"page": private.pk}, 404),
    ]
    for changes, status in cases:
        response = post(client, guest(article, **changes))
        assert response.status_code == status, changes
        assert "page" in response.json()["errors"]
    article.comments_enabled = False
    publish(article)
    response = post(client, guest(article))
    assert response.status_code == 403
    assert response.json()["errors"]["page"] == ["Комментарии к этой новости закрыты."]
    settings.COMMENTS_ENABLED = False
    assert post(client, guest(make_news(news_index, title="Ещё"))).status_code == 403
    assert not ReaderComment.objects.exists()


def test_multipart_posts_attach_checked_files(client, article):
    data = guest(article) | {"attachments": [image_upload(), image_upload("second.png", fmt="PNG")]}
    data["consent"] = "true"
    response = client.post(URL, data)
    assert response.status_code == 201, response.content
    comment = ReaderComment.objects.get()
    assert [a.kind for a in comment.attachments.all()] == ["image", "image"]
    assert all(a.thumbnail for a in comment.attachments.all())


def test_multipart_with_a_file_that_is_not_an_image_is_refused(client, article):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("virus.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = client.post(URL, guest(article, consent="on") | {"attachments": [fake]})
    assert response.status_code == 400
    assert "не подходит" in response.json()["errors"]["attachments"][0]
    assert not ReaderComment.objects.exists()


def test_a_signed_in_browser_still_posts_as_a_guest_without_csrf(article, django_user_model):
    reader = django_user_model.objects.create_user("reader", "reader@example.org", "x")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    assert post(browser, guest(article)).status_code == 201
    comment = ReaderComment.objects.get()
    assert comment.user is None and comment.user_email == "masha@example.org"


def test_a_refused_post_keeps_no_files_behind(client, article, settings):
    response = client.post(URL, guest(article, consent=None) | {"attachments": [image_upload()]})
    assert response.status_code == 400
    assert not any(path.is_file() for path in settings.COMMENTS_FILES_ROOT.rglob("*"))
