"""Plain-text e-mails show readers' text as written: no HTML escapes (&quot;, &lt;, &amp;)."""

from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from news.comments.moderation import MODERATORS_GROUP
from tests.conftest import make_news
from tests.news.comments_helpers import approved, comment_data

pytestmark = pytest.mark.django_db

TRICKY = 'Цитата "<b>&'
ESCAPES = ("&quot;", "&lt;", "&gt;", "&amp;", "&#x27;", "&#39;")


def bulk_url(action, comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/news/readercomment/{action}/?{ids}&next=/admin/comments/"


def assert_plain(body):
    assert TRICKY in body
    assert not any(escape in body for escape in ESCAPES), body


@pytest.fixture
def article(news_index):
    return make_news(news_index, title='Новость "<b>&')


@pytest.fixture
def moderator_client(client):
    user = get_user_model().objects.create_user("moderator", "moderator@example.org", "x")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    client.force_login(user)
    return client


def test_the_moderator_notice_shows_the_comment_as_written(client, article, moderator_client):
    moderator_client.logout()
    client.post(article.url, comment_data(article, comment=TRICKY, name='Маша "<b>&'))
    [notice] = mail.outbox
    assert_plain(notice.body)
    assert 'Маша "<b>&' in notice.body and 'Новость "<b>&' in notice.body


def test_the_published_notice_shows_the_name_and_title_as_written(moderator_client, article):
    comment = approved(
        article, is_public=False, followup=True, user_email="fan@example.org", user_name=TRICKY
    )
    mail.outbox.clear()
    moderator_client.post(bulk_url("approve_comments", [comment]))
    [notice] = mail.outbox
    assert_plain(notice.body)
    assert 'Новость "<b>&' in notice.body


def test_the_follower_notice_shows_the_reply_as_written(moderator_client, article):
    approved(article, followup=True, user_email="follower@example.org", user_name="Подписчик")
    reply = approved(article, comment=TRICKY, is_public=False, user_email="b@example.org")
    mail.outbox.clear()
    moderator_client.post(bulk_url("approve_comments", [reply]))
    [notice] = [message for message in mail.outbox if message.to == ["follower@example.org"]]
    assert_plain(notice.body)


def test_every_plain_text_e_mail_template_switches_html_escaping_off():
    templates = Path(settings.BASE_DIR, "templates")
    emails = [path for path in templates.rglob("*.txt") if path.name != "robots.txt"]
    assert len(emails) >= 6
    for path in emails:
        assert path.read_text().startswith("{% autoescape off %}"), path
