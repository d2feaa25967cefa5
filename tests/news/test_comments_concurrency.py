"""Posts at the same moment over HTTP (a live server, PostgreSQL): the rate limit lets
exactly its number of comments and of requests through, and one comment sent many times at
once is stored once."""

import threading

import pytest
import requests

from django.db import connection

from feedback.models import FeedbackRequest
from news.comments.models import ReaderComment
from tests.conftest import make_news
from tests.feedback.helpers import make_feedback_page

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

READERS = 30


@pytest.fixture
def article(news_index):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write: concurrent posts need PostgreSQL")
    return make_news(news_index, title="Новость, которую комментируют все сразу")


def post_at_once(url, bodies):
    """POST every body from its own thread, released together; the status codes."""
    start = threading.Barrier(len(bodies))
    statuses = []

    def send(body):
        start.wait()
        for attempt in range(3):
            try:
                statuses.append(requests.post(url, json=body, timeout=60).status_code)
                return
            except requests.ConnectionError:
                # The test server's listen queue (10) overflowed. Sent again: had the site
                # taken the first one, the second would be a double submit and fail the test.
                if attempt == 2:
                    raise

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def guest_comment(article, text):
    return {
        "page": article.pk,
        "name": "Маша Иванова",
        "email": "masha@example.org",
        "comment": text,
        "consent": True,
    }


def test_thirty_simultaneous_comments_store_exactly_the_rate_limit(live_server, article, settings):
    settings.COMMENTS_RATE_LIMIT = 5
    bodies = [guest_comment(article, f"Комментарий №{number}") for number in range(READERS)]
    statuses = post_at_once(live_server.url + "/api/v2/comments/", bodies)
    assert statuses == [201] * 5 + [429] * (READERS - 5)
    assert ReaderComment.objects.count() == 5


def test_one_comment_sent_ten_times_at_once_is_stored_once(live_server, article):
    bodies = [guest_comment(article, "Один и тот же комментарий")] * 10
    statuses = post_at_once(live_server.url + "/api/v2/comments/", bodies)
    assert statuses == [200] * 9 + [201]  # every one acknowledged, as the same comment
    assert ReaderComment.objects.count() == 1


def test_thirty_simultaneous_requests_store_exactly_the_rate_limit(live_server, home, settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write: concurrent posts need PostgreSQL")
    settings.FEEDBACK_RATE_LIMIT = 5
    page = make_feedback_page(home, to_address="")
    reader = {
        "imya": "Анна Иванова",
        "elektronnaya_pochta": "anna@example.org",
        "tema": "Другое",
        "consent": True,
    }
    bodies = [reader | {"soobshhenie": f"Обращение №{number}"} for number in range(READERS)]
    statuses = post_at_once(f"{live_server.url}/api/v2/feedback/{page.pk}/", bodies)
    assert statuses == [201] * 5 + [429] * (READERS - 5)
    assert FeedbackRequest.objects.count() == 5
