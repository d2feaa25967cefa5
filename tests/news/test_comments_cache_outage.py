"""Comments with Redis unreachable: every comment the reader is told about is stored, a
double submit still makes one (the guard is in the database), the rate limit lets them
through."""

import json

import pytest

from cms.settings.caches import redis_caches
from news.comments.models import ReaderComment
from tests.conftest import make_news
from tests.news.comments_helpers import comment_data
from tests.redis_stand_in import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index, settings):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    settings.COMMENTS_RATE_LIMIT = 1
    return make_news(news_index, title="Новость без Redis")


def test_the_form_stores_every_comment_and_a_double_submit_once(client, article):
    for number in range(3):
        data = comment_data(article, comment=f"Комментарий №{number}")
        first, second = client.post(article.url, data), client.post(article.url, data)
        assert first.status_code == second.status_code == 302
    assert sorted(ReaderComment.objects.values_list("comment", flat=True)) == [
        "Комментарий №0",
        "Комментарий №1",
        "Комментарий №2",
    ]


def test_the_api_stores_every_comment_and_a_double_submit_once(client, article):
    def post(text):
        body = {"page": article.pk, "name": "Петя", "email": "p@example.org", "comment": text}
        body["consent"] = True
        return client.post("/api/v2/comments/", json.dumps(body), content_type="application/json")

    for number in range(3):
        first, second = post(f"Комментарий №{number}"), post(f"Комментарий №{number}")
        assert (first.status_code, second.status_code) == (201, 200)
        assert first.json()["status"] == second.json()["status"] == "pending"
    assert ReaderComment.objects.count() == 3
