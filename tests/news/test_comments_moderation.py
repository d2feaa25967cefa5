"""Moderators approve and remove comments in the Wagtail admin; nothing else is theirs."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command

from news.comments.models import ReaderComment
from news.comments.moderation import MODERATORS_GROUP
from tests.conftest import load_demo, make_news
from tests.news.comments_helpers import approved, comment_data

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/"


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость для обсуждения")


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user(
        "moderator", "moderator@example.org", "pass-для-теста"
    )
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


def bulk_url(action, comments):
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"/admin/bulk/news/readercomment/{action}/?{ids}&next={QUEUE}"


def test_moderators_group_exists_with_comment_permissions_only():
    group = Group.objects.get(name=MODERATORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_readercomment", "delete_readercomment"} <= codenames
    assert not any("page" in name or "image" in name or "user" in name for name in codenames)


def test_moderator_is_emailed_about_a_new_comment(client, article, moderator):
    client.post(article.url, comment_data(article, comment="Когда следующая встреча?"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["moderator@example.org"]
    assert "Новость для обсуждения" in message.subject
    assert "Когда следующая встреча?" in message.body
    assert "/admin/comments/inspect/" in message.body


def test_queue_lists_pending_with_filters_and_search(moderator_client, article):
    approved(article, comment="Уже опубликован")
    approved(article, comment="Ждёт решения", is_public=False)
    html = moderator_client.get(QUEUE + "?status=pending").content.decode()
    assert "Ждёт решения" in html and "Уже опубликован" not in html
    assert "Новость для обсуждения" in html
    html = moderator_client.get(QUEUE + "?q=опубликован").content.decode()
    assert "Уже опубликован" in html and "Ждёт решения" not in html
    html = moderator_client.get(QUEUE + f"?news={article.pk}").content.decode()
    assert "Уже опубликован" in html


def test_bulk_approve_publishes_and_bulk_remove_hides(moderator_client, client, article):
    first = approved(article, comment="Первый ждущий", is_public=False)
    second = approved(article, comment="Второй ждущий", is_public=False)
    confirm = moderator_client.get(bulk_url("approve_comments", [first, second]))
    assert confirm.status_code == 200
    response = moderator_client.post(bulk_url("approve_comments", [first, second]))
    assert response.status_code == 302
    assert ReaderComment.objects.approved().count() == 2
    moderator_client.logout()
    html = client.get(article.url).content.decode()
    assert "Комментарии (2)" in html and "Второй ждущий" in html

    moderator_client.force_login(get_user_model().objects.get(username="moderator"))
    moderator_client.post(bulk_url("remove_comments", [second]))
    assert ReaderComment.objects.removed().get() == second
    moderator_client.logout()
    html = client.get(article.url).content.decode()
    assert "Комментарии (1)" in html and "Второй ждущий" not in html


def test_moderator_approves_from_the_edit_view(moderator_client, article):
    comment = approved(article, comment="Проверь меня", is_public=False)
    url = f"{QUEUE}edit/{comment.pk}/"
    html = moderator_client.get(url).content.decode()
    assert "Новость для обсуждения" in html and "reader@example.org" in html
    response = moderator_client.post(
        url, {"status": "approved", "user_name": "Читатель", "comment": "Проверь меня"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_public and comment.moderated_at is not None


def test_approving_a_parent_does_not_publish_its_pending_reply(moderator_client, article):
    parent = approved(article, comment="Родитель")
    reply = approved(article, comment="Ответ ждёт", parent_id=parent.pk, is_public=False)
    url = f"{QUEUE}edit/{parent.pk}/"
    moderator_client.post(url, {"status": "approved", "user_name": "Ч", "comment": "Родитель!"})
    reply.refresh_from_db()
    assert not reply.is_public


def test_dashboard_shows_the_waiting_count(moderator_client, article):
    approved(article, is_public=False)
    approved(article, comment="Ещё один", is_public=False)
    approved(article, comment="Опубликован")
    html = moderator_client.get("/admin/").content.decode()
    assert "Ждут модерации: <strong data-pending-comments>2</strong>" in html


def test_moderator_cannot_edit_pages_or_images(moderator_client, article):
    assert moderator_client.get(f"/admin/pages/{article.pk}/edit/").status_code in (302, 403)
    assert moderator_client.get("/admin/images/").status_code in (302, 403)
    assert moderator_client.get("/admin/users/").status_code in (302, 403)


def test_reader_who_opted_in_is_emailed_when_approved(moderator_client, client, article):
    comment = approved(article, is_public=False, followup=True, user_email="fan@example.org")
    mail.outbox.clear()
    moderator_client.post(bulk_url("approve_comments", [comment]))
    assert [message.to for message in mail.outbox] == [["fan@example.org"]]
    assert "опубликован" in mail.outbox[0].subject


def test_followers_get_a_reply_notice_with_an_unsubscribe_link(moderator_client, client, article):
    approved(article, followup=True, user_email="follower@example.org", user_name="Подписчик")
    reply = approved(article, comment="Новый ответ", is_public=False, user_email="b@example.org")
    mail.outbox.clear()
    moderator_client.post(bulk_url("approve_comments", [reply]))
    notices = [message for message in mail.outbox if message.to == ["follower@example.org"]]
    assert len(notices) == 1
    body = notices[0].body
    assert "Новый ответ" in body
    mute_path = body.split("Больше не получать писем о комментариях к этой новости:")[1].split()[0]
    mute_path = mute_path.split("example.com", 1)[1]
    assert client.get(mute_path).status_code == 200
    assert not ReaderComment.objects.get(user_email="follower@example.org").followup


def test_deleting_a_comment_deletes_its_files(moderator_client, article, settings):
    from django.core.files.base import ContentFile

    from news.comments.models import CommentAttachment

    comment = approved(article)
    attachment = CommentAttachment.objects.create(
        comment=comment, kind="pdf", file=ContentFile(b"%PDF-1.4\n%%EOF", name="a.pdf")
    )
    path = settings.COMMENTS_FILES_ROOT / attachment.file.name
    assert path.exists()
    response = moderator_client.post(f"{QUEUE}delete/{comment.pk}/")
    assert response.status_code == 302
    assert not ReaderComment.objects.exists()
    assert not path.exists()


def test_purge_command_clears_old_ip_addresses(article):
    from datetime import timedelta

    from django.utils import timezone

    old = approved(article, ip_address="198.51.100.1")
    ReaderComment.objects.filter(pk=old.pk).update(submit_date=timezone.now() - timedelta(days=40))
    recent = approved(article, comment="Свежий", ip_address="198.51.100.2")
    call_command("purge_comment_ips", verbosity=0)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None
    assert recent.ip_address == "198.51.100.2"


def test_demo_content_sets_the_sites_domain_and_a_published_thread(settings):
    from django.contrib.sites.models import Site

    settings.DEMO_ADMIN_ENABLED = False
    load_demo(hostname="kemrsl.example", port=8100)
    load_demo(hostname="kemrsl.example", port=8100)
    assert Site.objects.get_current().domain == "kemrsl.example:8100"
    thread = list(ReaderComment.objects.approved())
    assert [comment.level for comment in thread] == [0, 1]


def test_nobody_adds_comments_in_the_admin(client, article):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    assert "Добавить Комментарий читателя" not in client.get(QUEUE).content.decode()
    assert client.get(QUEUE + "add/").status_code in (302, 403)


def test_queue_filters_by_date(moderator_client, article):
    from datetime import timedelta

    from django.utils import timezone

    old = approved(article, comment="Прошлогодний")
    ReaderComment.objects.filter(pk=old.pk).update(submit_date=timezone.now() - timedelta(days=400))
    approved(article, comment="Сегодняшний")
    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    html = moderator_client.get(QUEUE + f"?submit_date_from={since}").content.decode()
    assert "Сегодняшний" in html and "Прошлогодний" not in html


def test_moderator_edits_the_stop_word_list(moderator_client):
    from news.comments.models import CommentStopWord

    response = moderator_client.post("/admin/comment-stop-words/add/", {"word": "казино"})
    assert response.status_code == 302
    assert CommentStopWord.objects.filter(word="казино").exists()


@pytest.mark.django_db(transaction=True)
def test_moderators_group_keeps_admin_access_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    group = Group.objects.get(name=MODERATORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_readercomment"} <= codenames
