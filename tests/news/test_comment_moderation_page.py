"""A moderator's path through the queue: a row opens the comment's page in the admin (files,
place, news item, thread), where they approve, remove, go on to the next pending comment or
answer as the library; the library's reply is published at once, marked, everywhere."""

import json
from io import BytesIO

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry

from news.comments.models import CommentAttachment, ReaderComment
from news.comments.moderation import MODERATORS_GROUP
from tests.conftest import make_news
from tests.news.comments_helpers import approved, comment_data

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/"
STAFF_NAME = "Ирина Петрова"


def moderation_page(comment):
    return f"{QUEUE}inspect/{comment.pk}/"


def jpeg(size, colour=(40, 120, 200), fmt="JPEG"):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def attach_files(comment):
    image = CommentAttachment.objects.create(
        comment=comment,
        kind="image",
        file=ContentFile(jpeg((640, 480)), name="photo.jpg"),
        thumbnail=ContentFile(jpeg((160, 120), fmt="WEBP"), name="thumb.webp"),
        original_name="vstrecha.jpg",
        width=640,
        height=480,
    )
    pdf = CommentAttachment.objects.create(
        comment=comment,
        kind="pdf",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="doc.pdf"),
        original_name="Программа встречи.pdf",
        size=15,
        sort_order=1,
    )
    return image, pdf


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Встреча с писателем")


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user(
        "moderator", "moderator@example.org", "pass-для-теста", first_name="Ирина"
    )
    user.last_name = "Петрова"
    user.save()
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def pending(article, **fields):
    return approved(article, is_public=False, **fields)


def test_a_row_opens_the_comment_with_its_files_place_and_news(moderator_client, article):
    comment = pending(
        article,
        comment="Были на встрече, прикладываю фото",
        place_name="Кемерово",
        latitude="55.35",
        longitude="86.09",
    )
    image, pdf = attach_files(comment)

    queue = moderator_client.get(QUEUE + "?status=pending").content.decode()
    assert f'href="{moderation_page(comment)}"' in queue

    response = moderator_client.get(moderation_page(comment))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Были на встрече, прикладываю фото" in html
    assert f'src="{image.thumbnail_url}"' in html
    assert f'href="{pdf.url}"' in html and "PDF: Программа встречи.pdf" in html
    assert "Кемерово" in html and "55.35, 86.09 на карте" in html
    assert f'href="{article.url}"' in html and "Встреча с писателем" in html
    assert "Изменить новость" not in html  # moderators do not edit pages
    # The thumbnail is served to the moderator by the one file rule (the comment is pending).
    assert moderator_client.get(image.thumbnail_url).status_code == 200


def test_an_editor_who_may_edit_the_news_gets_its_edit_link(client, article):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    html = client.get(moderation_page(pending(article))).content.decode()
    assert f'href="/admin/pages/{article.pk}/edit/"' in html


def test_the_thread_shows_the_parent_and_replies_with_their_states(moderator_client, article):
    parent = approved(article, user_name="Ольга", comment="Родитель")
    comment = pending(article, user_name="Пётр", comment="Середина", parent_id=parent.pk)
    reply = approved(article, user_name="Анна", comment="Ответ", parent_id=comment.pk)
    ReaderComment.objects.filter(pk=reply.pk).update(is_public=False, is_removed=True)

    html = moderator_client.get(moderation_page(comment)).content.decode()
    thread = html.split("data-thread>", 1)[1].split("</ol>", 1)[0]
    assert thread.index("Родитель") < thread.index("Середина") < thread.index("Ответ")
    assert f'href="{moderation_page(parent)}"' in thread
    assert f'href="{moderation_page(reply)}"' in thread
    assert thread.count("Опубликован") == 1
    assert thread.count("Ждёт модерации") == 1
    assert thread.count("Удалён") == 1


def logged(comment, action):
    """Who the comment's admin history names for `action`."""
    entries = ModelLogEntry.objects.filter(object_id=str(comment.pk), action=action)
    return [entry.user.get_username() for entry in entries]


def test_approve_and_go_on_walks_the_pending_queue(moderator_client, article):
    older = pending(article, comment="Старший", followup=True, user_email="fan@example.org")
    newer = pending(article, comment="Младший")
    mail.outbox.clear()

    response = moderator_client.post(moderation_page(newer), {"action": "approve_next"})
    assert response.status_code == 302 and response.url == moderation_page(older)
    newer.refresh_from_db()
    assert newer.is_approved and newer.moderated_at is not None

    response = moderator_client.post(moderation_page(older), {"action": "approve_next"})
    assert response.url == QUEUE + "?status=pending"
    assert [message.to for message in mail.outbox] == [["fan@example.org"]]  # approve()'s mail
    assert ReaderComment.objects.pending().count() == 0
    assert logged(older, "news.comment.approve") == ["moderator"]
    history = moderator_client.get(f"{QUEUE}history/{older.pk}/").content.decode()
    assert "Одобрен" in history and STAFF_NAME in history


def test_next_pending_link_and_remove(moderator_client, article):
    shown = approved(article, comment="Уже на сайте")
    waiting = pending(article, comment="Ждёт")
    html = moderator_client.get(moderation_page(shown)).content.decode()
    assert f'href="{moderation_page(waiting)}" data-moderation-key="n"' in html

    response = moderator_client.post(moderation_page(shown), {"action": "remove"})
    assert response.url == moderation_page(shown)
    shown.refresh_from_db()
    assert shown.is_removed
    assert logged(shown, "news.comment.remove") == ["moderator"]
    assert "Уже на сайте" not in Client().get(article.url).content.decode()


def test_the_library_replies_and_readers_see_it_marked_everywhere(
    moderator_client, article, page_cache_on
):
    reader = Client()
    comment = approved(article, user_name="Ольга", comment="Когда следующая встреча?")
    follower = approved(
        article, comment="Тоже жду", followup=True, user_email="follower@example.org"
    )
    assert "Когда следующая встреча?" in reader.get(article.url).content.decode()  # cached
    mail.outbox.clear()

    response = moderator_client.post(
        moderation_page(comment), {"action": "reply", "text": "В пятницу в 15:00, приходите!"}
    )
    reply = ReaderComment.objects.get(is_official=True)
    assert response.status_code == 302
    assert response.url == f"{moderation_page(comment)}#{reply.anchor}"
    assert (reply.parent_id, reply.level, reply.user_name) == (comment.pk, 1, "Библиотека")
    assert reply.user_id is None and reply.is_approved
    assert logged(reply, "wagtail.create") == ["moderator"]  # the admin knows who wrote it
    assert [message.to for message in mail.outbox] == [[follower.user_email]]  # as any reply

    html = reader.get(article.url).content.decode()  # the cached page was dropped
    assert "В пятницу в 15:00, приходите!" in html
    official = html.split(f'id="{reply.anchor}"', 1)[1].split("</li>", 1)[0]
    assert "Библиотека" in official and "официальный ответ" in official
    assert STAFF_NAME not in html and "Ирина" not in html

    for url in ("/api/v2/comments/", "/api/v3/comments/"):
        items = reader.get(url, {"page": article.pk}).json()["items"]
        [thread] = [item for item in items if item["id"] == comment.pk]
        [answer] = thread["replies"]
        assert (answer["author"], answer["is_official"]) == ("Библиотека", True)
        assert thread["is_official"] is False
    detail = reader.get(f"/api/v2/comments/{reply.pk}/").json()
    assert detail["is_official"] is True


def test_replying_to_a_pending_comment_approves_it_first(moderator_client, article):
    comment = pending(article, comment="Можно ли прийти с младшим братом?")
    moderator_client.post(moderation_page(comment), {"action": "reply", "text": "Конечно!"})
    comment.refresh_from_db()
    assert comment.is_approved
    html = Client().get(article.url).content.decode()
    assert "Можно ли прийти с младшим братом?" in html and "Конечно!" in html


def test_a_reply_to_the_deepest_comment_joins_its_branch(moderator_client, article, settings):
    chain = [approved(article, comment="Уровень 0")]
    for level in range(1, settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 1):
        chain.append(approved(article, comment=f"Уровень {level}", parent_id=chain[-1].pk))
    deepest = chain[-1]
    moderator_client.post(moderation_page(deepest), {"action": "reply", "text": "Ответ"})
    reply = ReaderComment.objects.get(is_official=True)
    assert reply.parent_id == chain[-2].pk and reply.level == deepest.level


@pytest.mark.parametrize(
    ("removed", "text", "message"),
    [
        (False, "  ", "Напишите текст ответа."),
        (False, "я" * 3001, "Не больше 3000 знаков"),
        (True, "Ответ снятому", "Комментарий снят с публикации: сначала одобрите его"),
    ],
)
def test_a_refused_reply_keeps_the_text_and_says_why(
    moderator_client, article, removed, text, message
):
    comment = approved(article, is_public=not removed, is_removed=removed)
    response = moderator_client.post(moderation_page(comment), {"action": "reply", "text": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if text.strip() and removed is False:
        assert text in html
    assert not ReaderComment.objects.filter(is_official=True).exists()


def test_a_removed_comment_offers_no_reply_form(moderator_client, article):
    comment = approved(article, is_public=False, is_removed=True)
    html = moderator_client.get(moderation_page(comment)).content.decode()
    assert 'id="library-reply"' not in html and 'value="approve"' in html


def test_readers_cannot_make_an_official_comment(client, article):
    client.post(article.url, comment_data(article, comment="Я тоже библиотека", is_official="on"))
    response = client.post(
        "/api/v2/comments/",
        json.dumps(
            {
                "page": article.pk,
                "name": "Маша",
                "email": "masha@example.org",
                "comment": "Через API",
                "consent": True,
                "is_official": True,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert ReaderComment.objects.count() == 2
    assert not ReaderComment.objects.filter(is_official=True).exists()


def test_readers_cannot_sign_as_the_library(client, article):
    response = client.post(article.url, comment_data(article, name=" библиотека "))
    assert response.status_code == 400
    assert "Так подписаны ответы библиотеки" in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_a_viewer_without_the_change_permission_cannot_moderate_or_reply(client, article):
    viewer = get_user_model().objects.create_user("viewer", "viewer@example.org", "x")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_readercomment"),
    )
    client.force_login(viewer)
    comment = pending(article)
    image, _ = attach_files(comment)
    html = client.get(moderation_page(comment)).content.decode()
    assert 'id="library-reply"' not in html and 'value="approve"' not in html
    assert image.thumbnail_url not in html  # the file rule does not open it to a viewer
    for data in ({"action": "reply", "text": "Ответ"}, {"action": "approve"}):
        response = client.post(moderation_page(comment), data)
        # Wagtail turns the view's PermissionDenied into a redirect home with a notice.
        assert (response.status_code, response.url) == (302, "/admin/")
    comment.refresh_from_db()
    assert not comment.is_public
    assert ReaderComment.objects.count() == 1


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_queue_runs_the_same_queries_with_1_and_50_comments(moderator_client, article):
    attach_files(pending(article))
    with_one = count_queries(moderator_client, QUEUE)
    for number in range(49):
        attach_files(pending(article, comment=f"Комментарий {number}"))
    assert count_queries(moderator_client, QUEUE) == with_one


def test_the_comment_page_runs_the_same_queries_with_1_and_100_in_the_thread(
    moderator_client, article
):
    root = approved(article, comment="Корень")
    attach_files(root)
    with_one = count_queries(moderator_client, moderation_page(root))
    parent = root
    for number in range(99):
        parent = root if number % 3 == 0 else parent
        reply = approved(article, comment=f"Ответ {number}", parent_id=parent.pk)
        attach_files(reply)
        parent = reply if reply.level < 2 else root
    html = moderator_client.get(moderation_page(root)).content.decode()
    assert "Ветка обсуждения (100)" in html
    assert count_queries(moderator_client, moderation_page(root)) == with_one
