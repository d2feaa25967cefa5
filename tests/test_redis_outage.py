"""Redis unreachable under production's cache settings, over real HTTP (a live server): every
post the site acknowledges is stored, a refused one says why in Russian, and readers still
sign up, sign in and reset their password. The figures go to test-artifacts/redis-outage.txt.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model

from cms.settings.caches import redis_caches
from feedback.models import FeedbackRequest
from news.comments.models import ReaderComment
from tests.conftest import make_news
from tests.feedback.helpers import make_feedback_page
from tests.redis_stand_in import free_port

pytestmark = pytest.mark.django_db(transaction=True)

POSTS = 10  # of each kind: comment form, comment API, feedback form, feedback API
REPORT = Path(__file__).resolve().parents[1] / "test-artifacts" / "redis-outage.txt"
PASSWORD = "Книги-и-чай-2026"


class HiddenFields(HTMLParser):
    """The hidden inputs of a page (security fields, CSRF token, one-time token)."""

    def __init__(self, html):
        super().__init__()
        self.fields = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")


def hidden_fields(session, url):
    response = session.get(url)
    assert response.status_code == 200, url
    return HiddenFields(response.text).fields


@pytest.fixture
def redis_down(settings, page_cache_on):
    """The default cache and the page cache of production, pointed at a closed port."""
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")


@pytest.fixture
def pages(home, news_index):
    return make_news(news_index, title="Новость при недоступном Redis"), make_feedback_page(home)


class Tally:
    """Posts the site acknowledged, by kind, against what the database holds."""

    def __init__(self):
        self.acknowledged = {}

    def add(self, kind, key):
        self.acknowledged.setdefault(kind, []).append(key)


def post_comments(base, article, tally):
    url = base + article.url
    session = requests.Session()
    for number in range(POSTS):
        data = hidden_fields(session, url) | {
            "name": "Маша Иванова",
            "email": "masha@example.org",
            "comment": f"Комментарий с формы №{number}",
            "consent": "on",
        }
        response = session.post(url, data=data, allow_redirects=False)
        assert response.status_code == 302, response.text[:500]
        assert response.headers["Location"].endswith("#comments")
        tally.add("comment form", data["comment"])
    # The same form sent again: answered as taken, and it is the first comment.
    assert session.post(url, data=data, allow_redirects=False).status_code == 302
    assert "Комментарий отправлен на модерацию" in session.get(url).text

    refused = session.post(url, data=hidden_fields(session, url) | {"comment": "Без имени"})
    assert refused.status_code == 400
    assert "Укажите имя." in refused.text
    for number in range(POSTS):
        text = f"Комментарий через API №{number}"
        response = requests.post(
            base + "/api/v2/comments/",
            json={
                "page": article.pk,
                "name": "Петя",
                "email": "petya@example.org",
                "comment": text,
                "consent": True,
            },
        )
        assert response.status_code == 201, response.text
        assert response.json()["status"] == "pending"
        tally.add("comment API", text)
    refused = requests.post(base + "/api/v2/comments/", json={"page": article.pk, "comment": "?"})
    assert refused.status_code == 400
    assert refused.json()["errors"]["name"] == ["Укажите имя."]


def feedback_fields(number):
    return {
        "imya": "Анна Иванова",
        "elektronnaya_pochta": "anna@example.org",
        "tema": "Пушкинская карта",
        "soobshhenie": f"Обращение №{number}",
    }


def post_feedback(base, feedback, tally):
    url = base + feedback.url
    session = requests.Session()
    for number in range(POSTS):
        data = hidden_fields(session, url) | feedback_fields(number) | {"consent": "on"}
        response = session.post(url, data=data, allow_redirects=False)
        assert response.status_code == 302, response.text[:500]
        assert f"sent={data['token']}" in response.headers["Location"]
        tally.add("feedback form", data["token"])
    landing = session.get(base + response.headers["Location"])
    assert FeedbackRequest.objects.get(token=data["token"]).number in landing.text

    refused = session.post(url, data=hidden_fields(session, url) | feedback_fields(0))
    assert refused.status_code == 200  # the form again, with the reason
    assert "Без согласия на обработку персональных данных" in refused.text
    api = f"{base}/api/v2/feedback/{feedback.pk}/"
    for number in range(POSTS):
        response = requests.post(api, json=feedback_fields(number) | {"consent": True})
        assert response.status_code == 201, response.text
        tally.add("feedback API", response.json()["number"])
    refused = requests.post(api, json=feedback_fields(0))
    assert refused.status_code == 400
    assert "Без согласия" in refused.json()["errors"]["consent"][0]


def use_accounts(base):
    """Sign up, sign in and ask for a new password: allauth's limits must not refuse them."""
    session = requests.Session()
    signup = hidden_fields(session, base + "/accounts/signup/") | {
        "email": "new-reader@example.org",
        "username": "Новый_читатель",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = session.post(base + "/accounts/signup/", data=signup, allow_redirects=False)
    assert response.status_code == 302, response.text[:500]
    assert get_user_model().objects.filter(email="new-reader@example.org").exists()

    user = get_user_model().objects.create_user("Анна", "reader@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    session = requests.Session()
    login = hidden_fields(session, base + "/accounts/login/")
    login |= {"login": user.email, "password": PASSWORD}
    response = session.post(base + "/accounts/login/", data=login, allow_redirects=False)
    assert (response.status_code, response.headers.get("Location")) == (302, "/")

    reset = hidden_fields(session, base + "/accounts/password/reset/") | {"email": user.email}
    response = session.post(base + "/accounts/password/reset/", data=reset, allow_redirects=False)
    assert response.status_code == 302, response.text[:500]
    return 3


def test_with_redis_unreachable_every_acknowledged_post_is_stored(live_server, redis_down, pages):
    article, feedback = pages
    tally = Tally()
    post_comments(live_server.url, article, tally)
    post_feedback(live_server.url, feedback, tally)
    account_actions = use_accounts(live_server.url)

    stored = {
        "comment form": ReaderComment.objects.filter(user_name="Маша Иванова"),
        "comment API": ReaderComment.objects.filter(user_name="Петя"),
        "feedback form": FeedbackRequest.objects.filter(
            token__in=tally.acknowledged["feedback form"]
        ),
        "feedback API": FeedbackRequest.objects.filter(
            number__in=tally.acknowledged["feedback API"]
        ),
    }
    lines = ["Redis unreachable (production CACHES, closed port), over HTTP to a live server:"]
    for kind, rows in stored.items():
        acknowledged = len(tally.acknowledged[kind])
        lines.append(f"  {kind}: {acknowledged} acknowledged, {rows.count()} stored")
    lines.append("  comment form sent twice: acknowledged once more, stored once")
    lines.append(f"  account actions (sign-up, sign-in, password reset): {account_actions} of 3")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))

    comments = ReaderComment.objects.values_list("comment", flat=True)
    assert sorted(comments) == sorted(
        tally.acknowledged["comment form"] + tally.acknowledged["comment API"]
    )
    assert FeedbackRequest.objects.count() == 2 * POSTS
    for kind, rows in stored.items():
        assert rows.count() == len(tally.acknowledged[kind]) == POSTS, kind
