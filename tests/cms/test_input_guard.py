"""Input nothing on the site can use is refused with a Russian 4xx before any view, the page
cache or the database sees it (cms.input_guard), and Django's own 400s log one line."""

import json
import logging
import re

import pytest

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from cms.input_guard import MAX_JSON_DEPTH
from cms.ratelimit import client_ip
from feedback.models import FeedbackRequest
from news.comments.models import ReaderComment
from tests.conftest import make_news, make_partner
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data
from tests.news.comments_helpers import comment_data

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
COMMENTS_API = "/api/v2/comments/"


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость для проверки ввода")


@pytest.fixture
def feedback_page(home):
    reset_rate_limit()
    return make_feedback_page(home)


def nested(depth):
    return "[" * depth + "]" * depth


def assert_refused_as_html(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("text/html")
    assert "Некорректный запрос" in response.content.decode()


def assert_refused_as_json(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert CYRILLIC.search(response.json()["message"])


def assert_nothing_stored():
    assert not ReaderComment.objects.exists()
    assert not FeedbackRequest.objects.exists()


# Query strings and paths


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("search", "q=%00"),
        ("news", "rubric=%00"),
        ("news", "tag=%00"),
        ("news", "year=%00&month=1"),
        ("directory", "country=%00"),
        ("directory", "kind=%00"),
        ("home", "%00=1"),
    ],
)
def test_a_null_character_in_the_query_of_a_reader_page_gets_a_russian_400(
    client, news_index, directory, page, query
):
    path = {"search": "/search/", "news": news_index.url, "directory": directory.url}.get(page, "/")
    assert_refused_as_html(client.get(f"{path}?{query}"))


def test_a_null_character_in_the_path_gets_a_400(client, news_index):
    assert_refused_as_html(client.get(f"{news_index.url}%00/"))


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken"])
def test_a_null_character_in_a_cookie_gets_a_400(client, article, cookie):
    """On PostgreSQL a session key with a NUL was a 500 (the session table lookup)."""
    client.cookies[cookie] = "abcdefgh\x00ijkl"
    assert_refused_as_html(client.get(article.url))


def test_a_null_character_in_an_api_query_gets_a_json_400(client, home):
    response = client.get("/api/v2/pages/?search=%00")
    assert_refused_as_json(response)
    assert "недопустимые символы" in response.json()["message"]


def test_api_v3_refusals_are_rfc_9457_problems_like_its_other_errors(client, home):
    response = client.get("/api/v3/pages/?search=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (problem["title"], problem["status"], problem["errors"]) == ("Bad Request", 400, [])
    assert "недопустимые символы" in problem["detail"]


def test_a_browser_asking_for_json_gets_the_refusal_as_json(client, home):
    assert_refused_as_json(client.get("/search/?q=%00", HTTP_ACCEPT="application/json"))


def test_a_clean_query_passes(client, news_index, directory):
    make_partner("Библиотека Минска", country="Беларусь")
    assert client.get("/search/", {"q": "книга"}).status_code == 200
    assert client.get(directory.url, {"country": "Беларусь"}).status_code == 200


@pytest.mark.parametrize("name", ["limit", "offset"])
def test_pagination_numbers_too_large_for_the_database_get_a_400(client, home, name):
    response = client.get(f"/api/v2/pages/?{name}=99999999999999999999")
    assert_refused_as_json(response)
    assert name in response.json()["message"]


@pytest.mark.parametrize(
    "url", ["/api/v3/pages/find/?html_path=/&site=a:b", "/api/v2/pages/?site=a:9999999999"]
)
def test_a_site_filter_with_a_port_no_database_can_hold_gets_a_400(client, home, url):
    response = client.get(url)
    assert response.status_code == 400
    answer = response.json()
    assert "Параметр site" in answer.get("message", answer.get("detail"))


def test_a_site_filter_with_a_port_still_finds_the_site(client, home):
    site = home.get_site()
    response = client.get(f"/api/v2/pages/?site={site.hostname}:{site.port}")
    assert response.status_code == 200


# Forms


def test_a_null_character_in_a_comment_form_field_is_refused_and_nothing_stored(client, article):
    response = client.post(article.url, comment_data(article, name="Маша\x00"))
    assert_refused_as_html(response)
    assert_nothing_stored()


def test_a_null_character_in_a_multipart_comment_field_is_refused(client, article):
    data = comment_data(article, comment="текст\x00")
    data["files"] = SimpleUploadedFile("photo.jpg", b"not an image", content_type="image/jpeg")
    assert_refused_as_html(client.post(article.url, data))
    assert_nothing_stored()


def test_a_null_character_in_the_feedback_form_is_refused(client, feedback_page):
    data = valid_data(client, feedback_page, soobshhenie="Вопрос\x00")
    assert_refused_as_html(client.post(feedback_page.url, data))
    assert_nothing_stored()


def test_a_null_character_in_the_sign_in_form_is_refused(client, home):
    response = client.post("/accounts/login/", {"login": "a\x00@example.org", "password": "x"})
    assert_refused_as_html(response)


# JSON bodies


def post_json(client, url, body):
    return client.post(url, body, content_type="application/json")


def json_targets(article, feedback_page):
    return [
        (COMMENTS_API, {"page": article.pk, "name": "Маша", "comment": "Текст", "consent": True}),
        (
            f"/api/v2/feedback/{feedback_page.pk}/",
            {"imya": "Анна", "elektronnaya_pochta": "anna@example.org", "tema": "Другое",
             "soobshhenie": "Вопрос", "consent": True},
        ),
    ]  # fmt: skip


@pytest.mark.parametrize("field_index", [1, 2])
def test_lone_surrogates_in_json_fields_are_refused_and_nothing_stored(
    client, article, feedback_page, field_index
):
    for url, data in json_targets(article, feedback_page):
        field = list(data)[field_index]
        body = json.dumps(data | {field: "\ud800"})  # json.dumps escapes it as \ud800
        assert "\\ud800" in body
        assert_refused_as_json(post_json(client, url, body))
    assert_nothing_stored()


def test_a_null_character_in_a_json_key_or_nested_string_is_refused(client, article):
    assert_refused_as_json(post_json(client, COMMENTS_API, '{"na\\u0000me": "x"}'))
    assert_refused_as_json(post_json(client, COMMENTS_API, '{"a": [{"b": ["\\u0000"]}]}'))


def test_json_nested_a_thousand_levels_is_refused_without_recursion_error(
    client, article, feedback_page
):
    for url, _ in json_targets(article, feedback_page):
        response = post_json(client, url, nested(1000))
        assert_refused_as_json(response)
        assert "вложенность" in response.json()["message"]
        object_body = '{"a":' * 1000 + "1" + "}" * 1000
        assert_refused_as_json(post_json(client, url, object_body))
    assert_nothing_stored()


def test_json_nesting_is_refused_just_past_the_limit(client, article):
    response = post_json(client, COMMENTS_API, nested(MAX_JSON_DEPTH + 1))
    assert "вложенность" in response.json()["message"]
    # At the limit the endpoint itself answers: it wants an object.
    response = post_json(client, COMMENTS_API, nested(MAX_JSON_DEPTH))
    assert response.status_code == 400
    assert "вложенность" not in response.json()["message"]


def test_json_that_is_not_utf8_or_not_json_is_refused_in_russian(client, article):
    invalid_utf8 = post_json(client, COMMENTS_API, b'{"name": "\xff\xfe"}')
    assert_refused_as_json(invalid_utf8)
    assert "UTF-8" in invalid_utf8.json()["message"]
    assert_refused_as_json(post_json(client, COMMENTS_API, b'{"name": '))
    assert_nothing_stored()


def test_a_clean_json_comment_is_still_accepted(client, article):
    data = {"page": article.pk, "name": "Маша", "email": "m@example.org", "comment": "Спасибо!",
            "consent": True}  # fmt: skip
    assert post_json(client, COMMENTS_API, json.dumps(data)).status_code == 201
    assert ReaderComment.objects.count() == 1


# The client-address header


@pytest.mark.parametrize("value", ["not-an-ip", "999.1.1.1", "1" * 300, "fe80::1%eth0"])
def test_a_malformed_client_address_header_is_refused_and_nothing_stored(
    client, article, settings, value
):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert_refused_as_html(client.post(article.url, comment_data(article), HTTP_X_REAL_IP=value))
    data = {"page": article.pk, "name": "Маша", "comment": "Текст", "consent": True}
    response = client.post(
        COMMENTS_API, json.dumps(data), content_type="application/json", HTTP_X_REAL_IP=value
    )
    assert_refused_as_json(response)
    assert "адрес" in response.json()["message"]
    assert_nothing_stored()


def test_the_first_valid_address_of_the_header_is_stored(client, article, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    response = client.post(
        article.url, comment_data(article), HTTP_X_REAL_IP=" 203.0.113.5 , 10.0.0.1"
    )
    assert response.status_code == 302
    assert ReaderComment.objects.get().ip_address == "203.0.113.5"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("203.0.113.5, 10.0.0.1", "203.0.113.5"), ("2001:db8::1", "2001:db8::1"),
     ("not-an-ip", ""), ("999.1.1.1", ""), ("", "127.0.0.1")],
)  # fmt: skip
def test_client_ip_is_a_valid_address_or_empty(settings, header, expected):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = RequestFactory().get("/", HTTP_X_REAL_IP=header, REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == expected


# Django's own refusals: Russian, one log line each


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.WARNING)
    return caplog


def assert_logged_once_without_traceback(caplog, text):
    records = [record for record in caplog.records if record.name.startswith("django.")]
    assert len(records) == 1, [record.getMessage() for record in records]
    (record,) = records
    assert record.levelno == logging.WARNING
    assert record.exc_info is None and not record.exc_text
    assert text in record.getMessage()
    assert "Traceback" not in caplog.text


def test_an_oversized_form_body_gets_a_russian_400_and_one_warning_line(
    client, article, settings, security_log
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(article.url, comment_data(article, comment="я" * 1000))
    assert_refused_as_html(response)
    assert "Слишком большой запрос" in response.content.decode()
    assert_logged_once_without_traceback(security_log, "DATA_UPLOAD_MAX_MEMORY_SIZE")
    assert_nothing_stored()


def test_too_many_fields_get_a_russian_400_and_one_warning_line(
    client, article, settings, security_log
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    data = comment_data(article) | {f"extra{number}": "x" for number in range(60)}
    response = client.post(article.url, data)
    assert_refused_as_html(response)
    assert "Слишком много полей" in response.content.decode()
    assert_logged_once_without_traceback(security_log, "DATA_UPLOAD_MAX_NUMBER_FIELDS")
    assert_nothing_stored()


def test_too_many_fields_sent_to_the_api_get_a_json_400(client, article, settings, caplog):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    data = {f"field{number}": "x" for number in range(10)}
    assert_refused_as_json(client.post(COMMENTS_API, data))
    assert_nothing_stored()


def test_a_very_long_file_name_gets_a_russian_400_and_one_warning_line(
    client, article, security_log
):
    """Django refuses a part header over 1 KB; the test client would cut the name to 255."""
    boundary = "XyZ"
    body = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="files"; filename="{"я" * 2000}.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    response = client.generic(
        "POST", article.url, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert_refused_as_html(response)
    assert_logged_once_without_traceback(security_log, "header size exceeded")
    assert_nothing_stored()


def test_a_server_error_keeps_its_traceback(client, caplog):
    """The filter touches refused requests only: a 500 is still logged in full."""
    logger = logging.getLogger("django.request")
    try:
        raise ValueError("сломалось")
    except ValueError:
        logger.error("Internal Server Error: /x/", exc_info=True, extra={"status_code": 500})
    assert caplog.records[-1].exc_info is not None


def test_users_are_not_created_from_refused_sign_ups(client, home):
    before = get_user_model().objects.count()
    data = {"email": "new\x00@example.org", "password1": "Пароль-123!", "password2": "Пароль-123!"}
    assert_refused_as_html(client.post("/accounts/signup/", data))
    assert get_user_model().objects.count() == before
