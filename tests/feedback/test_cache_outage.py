"""«Решаем вместе» with Redis unreachable: requests are stored and numbered, double submits
still make one (the token is in the database), the rate limit lets them through."""

import json

import pytest

from cms.settings.caches import redis_caches
from feedback.models import FeedbackRequest
from tests.feedback.helpers import make_feedback_page, valid_data
from tests.redis_stand_in import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home, settings):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    settings.FEEDBACK_RATE_LIMIT = 1
    return make_feedback_page(home)


def test_the_form_stores_every_request_and_still_one_per_token(client, page):
    for _ in range(3):
        data = valid_data(client, page)
        first, second = client.post(page.url, data), client.post(page.url, data)
        assert first.status_code == second.status_code == 302
        assert first.url == second.url
    assert FeedbackRequest.objects.count() == 3


def test_the_api_stores_every_request_and_still_one_per_token(client, page):
    url = f"/api/v2/feedback/{page.pk}/"
    numbers = []
    for token in ["0b8c9e6e-3f71-4b52-9a8e-6f6d0b3c1a1" + str(n) for n in range(3)]:
        body = json.dumps(
            {
                "imya": "Анна Иванова",
                "elektronnaya_pochta": "anna@example.org",
                "tema": "Другое",
                "soobshhenie": "Вопрос.",
                "consent": True,
                "token": token,
            }
        )
        first = client.post(url, body, content_type="application/json")
        second = client.post(url, body, content_type="application/json")
        assert (first.status_code, second.status_code) == (201, 200)
        assert first.json()["number"] == second.json()["number"]
        numbers.append(first.json()["number"])
    assert sorted(FeedbackRequest.objects.values_list("number", flat=True)) == sorted(numbers)
