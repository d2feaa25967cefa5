"""«Решаем вместе» over JSON: the HTML form's own rules, answers as JSON."""

import json
import re

import pytest

from django.core import mail

from feedback.models import FeedbackRequest
from tests.conftest import restrict
from tests.feedback.helpers import make_feedback_page, reset_rate_limit

READER = {
    "imya": "Анна Иванова",
    "elektronnaya_pochta": "anna@example.org",
    "tema": "Пушкинская карта",
    "soobshhenie": "Не могу получить Пушкинскую карту.",
    "consent": True,
}

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture
def page(home):
    reset_rate_limit()
    return make_feedback_page(home)


def post(client, page, data, **extra):
    return client.post(
        f"/api/v2/feedback/{page.pk}/", json.dumps(data), content_type="application/json", **extra
    )


@pytest.mark.django_db
def test_form_description_lists_fields_and_consent(client, page):
    data = client.get(f"/api/v2/feedback/{page.pk}/").json()
    names = [field["name"] for field in data["fields"]]
    assert names[:5] == ["imya", "elektronnaya_pochta", "telefon", "tema", "soobshhenie"]
    assert "consent" in names and "website" not in names
    topic = next(field for field in data["fields"] if field["name"] == "tema")
    assert {"value": "Пушкинская карта", "label": "Пушкинская карта"} in topic["choices"]
    assert data["consent_url"].endswith("/soglasie-na-obrabotku-personalnyx-dannyx/")


@pytest.mark.django_db
def test_a_request_posted_as_json_gets_a_number_and_records_consent(client, page):
    response = post(client, page, READER)
    assert response.status_code == 201
    number = response.json()["number"]
    feedback_request = FeedbackRequest.objects.get()
    assert feedback_request.number == number
    assert re.fullmatch(r"\d{4}-\d{6}", number)
    assert feedback_request.consent_version == page.consent_version()
    assert feedback_request.consent_at is not None
    assert any(number in message.body for message in mail.outbox)


@pytest.mark.django_db
def test_the_same_token_twice_makes_one_request(client, page):
    data = READER | {"token": "0b8c9e6e-3f71-4b52-9a8e-6f6d0b3c1a11"}
    first = post(client, page, data)
    second = post(client, page, data)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["number"] == second.json()["number"]
    assert FeedbackRequest.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": False}, "consent"),
        ({"elektronnaya_pochta": "не-почта"}, "elektronnaya_pochta"),
        ({"soobshhenie": "я" * 5001}, "soobshhenie"),
        ({"tema": "Нет такой темы"}, "tema"),
        ({"website": "http://spam.example"}, "__all__"),
    ],
)
def test_bad_requests_are_refused_naming_the_field_and_nothing_is_stored(
    client, page, changes, field
):
    response = post(client, page, READER | changes)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not FeedbackRequest.objects.exists()


@pytest.mark.django_db
def test_rate_limit_answers_429(client, page, settings):
    settings.FEEDBACK_RATE_LIMIT = 1
    assert post(client, page, READER).status_code == 201
    response = post(client, page, READER)
    assert response.status_code == 429
    assert "Слишком много обращений" in response.json()["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{bad json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ("imya=Анна", "application/x-www-form-urlencoded", 415),
    ],
)
def test_malformed_bodies_get_a_json_4xx_in_russian(client, page, body, content_type, status):
    response = client.post(f"/api/v2/feedback/{page.pk}/", body, content_type=content_type)
    assert response.status_code == status
    assert CYRILLIC.search(response.json()["message"])
    assert not FeedbackRequest.objects.exists()


@pytest.mark.django_db
def test_unknown_draft_or_private_form_pages_are_404(client, page):
    assert post(client, page, READER, HTTP_HOST="testserver").status_code == 201
    assert client.get("/api/v2/feedback/999999/").status_code == 404
    restrict(page)
    assert client.get(f"/api/v2/feedback/{page.pk}/").status_code == 404


@pytest.mark.django_db
def test_feedback_requests_never_appear_in_the_api(client, page):
    post(client, page, READER)
    for url in ("/api/v2/pages/?search=Пушкинскую", "/api/v2/pages/?fields=*", "/api/v3/pages/"):
        assert "anna@example.org" not in client.get(url).content.decode()
