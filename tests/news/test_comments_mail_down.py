"""With the mail server down, comments and reader accounts lose nothing and never answer 500:
the mails wait in the queue and the worker tries them again later."""

import logging

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from news.comments.accounts import MAIL_NOT_SENT
from news.comments.models import ReaderComment
from news.comments.moderation import MODERATORS_GROUP
from news.comments.posting import MODERATION_NOTICE
from tests.conftest import make_news
from tests.mail_down import mail_server_down  # noqa: F401 - a fixture
from tests.news.comments_helpers import approved, comment_data
from tests.task_queue import queued, run_queued_tasks

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("mail_server_down", "task_queue"),
]


@pytest.fixture
def article(news_index, settings):
    settings.COMMENTS_MODERATOR_EMAILS = ["moderator@example.org"]
    return make_news(news_index, title="Новость при упавшей почте")


def retried_later(caplog):
    return [r for r in caplog.records if r.levelno == logging.WARNING and "next in" in r.message]


def test_a_guest_comment_is_stored_and_acknowledged(client, article, caplog):
    response = client.post(article.url, comment_data(article, comment="Форма без почты"))
    assert response.status_code == 302
    assert MODERATION_NOTICE in client.get(response["Location"]).content.decode()

    response = client.post(
        "/api/v2/comments/",
        {"page": article.pk, "name": "Гость", "email": "guest@example.org",
         "comment": "API без почты", "consent": True},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["message"] == MODERATION_NOTICE

    stored = set(ReaderComment.objects.values_list("comment", flat=True))
    assert stored == {"Форма без почты", "API без почты"}
    assert queued("deliver_email").count() == 2  # a notice to the moderators for each
    run_queued_tasks()
    assert len(retried_later(caplog)) == 2
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_moderator_approves_although_the_author_cannot_be_told_yet(client, article):
    moderator = get_user_model().objects.create_user("moderator", "m@example.org", "x")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    client.force_login(moderator)
    comment = approved(article, is_public=False, followup=True, user_email="fan@example.org")

    response = client.post(
        f"/admin/bulk/news/readercomment/approve_comments/?id={comment.pk}&next=/admin/comments/"
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_approved
    assert queued("deliver_email").count() == 1


def test_a_reader_signs_up_and_asks_for_a_password_reset(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "reader@example.org", "username": "Анна",
         "password1": "Книги-и-чай-2026", "password2": "Книги-и-чай-2026"},
    )  # fmt: skip
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="reader@example.org").exists()
    assert MAIL_NOT_SENT not in client.get(response["Location"]).content.decode()

    response = client.post("/accounts/password/reset/", {"email": "reader@example.org"})
    assert response.status_code == 302
    assert queued("deliver_email").count() == 2  # the confirmation and the reset link
