"""A news item waits for the chief editor's approval (README, «Approval before publication»):
the editor writes and submits it in the admin, the chief editor comments, approves or sends it
back, and Wagtail's notices go out through the mail queue to the right people."""

import json

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.editorial import CHIEF_EDITORS_GROUP, EDITORS_GROUP, TASK_NAME
from news.models import NewsPage
from tests.conftest import make_image, make_news
from tests.news.test_editor import news_form
from tests.task_queue import queued, run_queued_tasks

pytestmark = pytest.mark.django_db

TITLE = "Открытие выставки «Книги моего детства»"


def staff_client(django_user_model, username, group, first_name):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "x", first_name=first_name
    )
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def redaktor(django_user_model):
    return staff_client(django_user_model, "redaktor", EDITORS_GROUP, "Анна")


@pytest.fixture
def glavred(django_user_model):
    return staff_client(django_user_model, "glavred", CHIEF_EDITORS_GROUP, "Ольга")


def add_url(news_index):
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))


def submit_news(client, news_index):
    # The creator's «follow comments» box is ticked by default on the add form.
    data = news_form(make_image("Выставка")) | {
        "comment_notifications": "on",
        "action-submit": "submit",
    }
    response = client.post(add_url(news_index), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsPage.objects.get(title=TITLE)


def workflow_action(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_editor_submits_news_and_the_chief_editors_notice_waits_in_the_queue(
    redaktor, glavred, news_index, task_queue, admin_user
):
    form = redaktor.get(add_url(news_index)).content.decode()
    assert 'name="action-submit"' in form
    assert 'name="action-publish"' not in form

    page = submit_news(redaktor, news_index)
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    assert page.current_workflow_task.name == TASK_NAME

    # Queued as a task of the worker, for the chief editors only (not superusers, not the author).
    waiting = [task for task in queued("deliver_email") if task.args_kwargs]
    recipients = [task.args_kwargs["args"][0]["to"] for task in waiting]
    assert recipients == [["glavred@example.org"]]
    subject = waiting[0].args_kwargs["args"][0]["subject"]
    assert subject.startswith("Страница") and TITLE in subject and TASK_NAME in subject
    run_queued_tasks()
    assert [message.to for message in mail.outbox] == [["glavred@example.org"]]
    assert f"/admin/pages/{page.pk}/edit/" in mail.outbox[0].body

    dashboard = glavred.get(reverse("wagtailadmin_home")).content.decode()
    assert TITLE in dashboard  # «Ожидает вашей проверки»


def test_editor_cannot_publish_or_approve(redaktor, news_index):
    data = news_form(make_image()) | {"action-publish": "publish"}
    assert redaktor.post(add_url(news_index), data).status_code == 302
    page = NewsPage.objects.get(title=TITLE)
    assert not page.live  # saved as a draft: Wagtail skips a publish the user may not do

    edit = redaktor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert 'name="action-publish"' not in edit

    page = submit_news_edit(redaktor, page)
    refused = workflow_action(redaktor, page, "approve")
    # Wagtail answers a forbidden admin action with its «no permission» redirect.
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    page.refresh_from_db()
    assert not page.live and page.current_workflow_state.status == "in_progress"


def submit_news_edit(client, page):
    data = news_form(page.main_image) | {"action-submit": "submit"}
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return NewsPage.objects.get(pk=page.pk)


def comment_on_title(client, page, text, replies=(), comment_id=""):
    """Save the page with a comment on its title (and replies), as the editor's comments do."""
    comment = {
        "id": comment_id,
        "contentpath": "title",
        "text": text,
        "position": "",
        "resolved": "",
        "replies": inline_formset([{"id": "", "text": reply} for reply in replies]),
    }
    comments = inline_formset([comment], initial=1 if comment_id else 0)
    data = news_form(page.main_image) | nested_form_data({"comments": comments})
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_chief_editor_comments_and_approves_and_the_news_goes_live(redaktor, glavred, news_index):
    page = submit_news(redaktor, news_index)
    edit = glavred.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert 'name="action-publish"' in edit
    mail.outbox.clear()

    comment_on_title(glavred, page, "Уточните дату открытия")
    assert page.wagtail_admin_comments.get().text == "Уточните дату открытия"
    # The author follows comments on the pages she creates.
    (notice,) = mail.outbox
    assert notice.to == ["redaktor@example.org"] and "Уточните дату открытия" in notice.body

    mail.outbox.clear()
    assert workflow_action(glavred, page, "approve", "Всё верно").status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    assert TITLE in Client().get(news_index.url).content.decode()
    (approved,) = mail.outbox
    assert approved.to == ["redaktor@example.org"]
    assert approved.subject.startswith("Страница") and TITLE in approved.subject


def test_rejected_news_goes_back_to_the_editor_who_answers_and_submits_again(
    redaktor, glavred, news_index
):
    page = submit_news(redaktor, news_index)
    comment_on_title(glavred, page, "Уточните дату открытия")
    mail.outbox.clear()

    assert workflow_action(glavred, page, "reject", "Смотрите комментарий").status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.workflow_states.get().status == "needs_changes"
    (rejected,) = mail.outbox
    assert rejected.to == ["redaktor@example.org"]
    assert rejected.subject.startswith("Страница") and TITLE in rejected.subject
    assert "Смотрите комментарий" in rejected.body

    # While the chief editor reviewed it the page was locked to her; now she answers.
    edit = redaktor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert json.dumps("Уточните дату открытия")[1:-1] in edit  # the editor's JSON data
    mail.outbox.clear()
    comment_id = page.wagtail_admin_comments.get().pk
    comment_on_title(redaktor, page, "Уточните дату открытия", ["Исправила"], comment_id)
    (answer,) = mail.outbox
    assert answer.to == ["glavred@example.org"] and "Исправила" in answer.body

    mail.outbox.clear()
    page = submit_news_edit(redaktor, page)
    assert page.current_workflow_state.status == "in_progress"
    assert [message.to for message in mail.outbox] == [["glavred@example.org"]]


def test_news_under_moderation_is_seen_nowhere_outside_the_admin(redaktor, news_index):
    page = submit_news(redaktor, news_index)
    live = make_news(news_index, title="Опубликованная новость")
    data = news_form(live.main_image or make_image()) | {
        "title": "Новый заголовок на проверке",
        "slug": live.slug,
        "action-submit": "submit",
    }
    edited = redaktor.post(reverse("wagtailadmin_pages:edit", args=(live.pk,)), data)
    assert edited.status_code == 302, edited.content.decode()[:2000]
    assert NewsPage.objects.get(pk=live.pk).current_workflow_state.status == "in_progress"

    reader = Client()
    assert reader.get(f"{news_index.url}{page.slug}/").status_code == 404
    pages_seen = [
        reader.get(news_index.url),
        reader.get(live.url),
        reader.get("/api/v2/pages/", {"type": "news.NewsPage"}),
        reader.get(f"/api/v2/pages/{live.pk}/"),
        reader.get("/api/v3/pages/"),
        reader.get(f"/api/v3/pages/{live.pk}/"),
        reader.get("/rss/"),
        reader.get("/search/", {"q": "выставки"}),
    ]
    for response in pages_seen:
        assert response.status_code == 200
        text = response.content.decode()
        assert TITLE not in text and "Новый заголовок на проверке" not in text
    assert page.slug not in reader.get("/sitemap.xml").content.decode()
    assert reader.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert reader.get(f"/api/v3/pages/{page.pk}/").status_code == 404
