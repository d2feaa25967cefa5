"""An editor's and a moderator's day in the admin is in Russian: every page they use, with
real rows in its lists, shows no English word (tests/cms/admin_text.py reads what a user
sees), and the browser's tab names the library, not Wagtail."""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents.models import Document
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
)

from feedback.groups import FEEDBACK_GROUP
from news.comments.models import CommentStopWord, ReaderComment
from news.comments.moderation import MODERATORS_GROUP
from news.models import NewsRubric
from tests.cms.admin_text import english_on, shown_strings
from tests.conftest import make_image, make_news
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, submit
from tests.news.comments_helpers import approved

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
COMPILED = Path(settings.BASE_DIR, "locale", "ru", "LC_MESSAGES", "django.mo")

# Text that is English but not left untranslated, each with its reason.
ALLOWED = {
    # The status panel's comment counter: hidden, JavaScript writes a number into it.
    ("div", "None"),
}
EDITOR_MODELS = {
    "wagtailadmin": ["access_admin"],
    "news": ["add_newsrubric", "change_newsrubric", "delete_newsrubric", "view_newsrubric"],
    "partners": ["add_partner", "change_partner", "publish_partner", "view_partner"],
    "cms": ["change_sitesettings", "add_slide", "change_slide", "view_slide"],
}


def give(group, permissions):
    for app_label, codenames in permissions.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


@pytest.fixture
def day(home, news_index, django_user_model):
    """What the admin lists on an ordinary day: news with revisions, images, a document,
    enough rubrics for a second page, comments, stop words and readers' requests."""
    reset_rate_limit()
    image = make_image("Читальный зал")
    news = [make_news(news_index, f"Неделя детской книги, день {n}", image=image) for n in range(3)]
    draft = news[0].get_latest_revision_as_object()
    draft.title = "Неделя детской книги: программа"
    draft.save_revision()
    Document.objects.create(title="План мероприятий", file=ContentFile(PDF, name="plan.pdf"))
    NewsRubric.objects.bulk_create(
        NewsRubric(name=f"Рубрика {n}", slug=f"rubrika-{n}") for n in range(21)
    )
    for n in range(3):
        approved(news[n], comment=f"Спасибо за новость {n}", is_public=n != 0)
    CommentStopWord.objects.create(word="реклама")
    feedback_page = make_feedback_page(home)
    requests = [submit(Client(), feedback_page) for _ in range(2)]
    reset_rate_limit()

    editors = Group.objects.create(name="Редакторы")
    give(editors, EDITOR_MODELS)
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=editors, page=home, permission=Permission.objects.get(codename=permission)
        )
    for permission in (
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ):
        GroupCollectionPermission.objects.create(
            group=editors,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(codename=permission),
        )
    editor = django_user_model.objects.create_user(
        "redaktor", "redaktor@example.org", "x", first_name="Ирина", last_name="Петрова"
    )
    editor.groups.add(editors)
    moderator = django_user_model.objects.create_user(
        "moderator", "moderator@example.org", "x", first_name="Олег", last_name="Смирнов"
    )
    moderator.groups.add(
        Group.objects.get(name=MODERATORS_GROUP), Group.objects.get(name=FEEDBACK_GROUP)
    )
    return SimpleNamespace(
        news_index=news_index, news=news[0], image=image, editor=editor, moderator=moderator,
        request=requests[0],
    )  # fmt: skip


def content():
    """What the test itself made, and names an administrator types (workflows): content,
    shown as written."""
    return {
        "redaktor",
        "moderator",
        *NewsRubric.objects.values_list("slug", flat=True),
        *Workflow.objects.values_list("name", flat=True),
        *Task.objects.values_list("name", flat=True),
        *Page.objects.values_list("slug", flat=True),
    }


def english_in_pages(client, paths, allowed):
    """{path: [(where, text), …]} for the pages with English; a chooser's JSON answer is
    read as the HTML it carries."""
    found = {}
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        html = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            html = json.loads(html)["html"]
        english = [item for item in english_on(html, allowed) if item not in ALLOWED]
        if english:
            found[path] = english
    return found


def page_text(client, path):
    return client.get(path, follow=True).content.decode()


def titles(client, paths):
    """{path: the page's <title>}"""
    return {
        path: re.search(r"<title>(.*?)</title>", page_text(client, path), re.S).group(1).strip()
        for path in paths
    }


def test_the_translations_are_compiled():
    assert COMPILED.exists(), "locale/ru/LC_MESSAGES/django.mo is missing: run `make install`"


@pytest.mark.django_db
def test_an_editors_day_is_in_russian(client, day):
    news, image, index = day.news, day.image, day.news_index
    document = Document.objects.get()
    client.force_login(day.editor)
    paths = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{index.pk}/",
        f"/admin/pages/add/news/newspage/{index.pk}/",
        f"/admin/pages/{news.pk}/edit/",
        f"/admin/pages/{news.pk}/history/",
        f"/admin/pages/{news.pk}/revisions/compare/live...latest/",
        f"/admin/pages/{news.pk}/workflow_history/",
        "/admin/pages/search/?q=неделя",
        "/admin/images/",
        f"/admin/images/{image.pk}/",
        "/admin/images/multiple/add/",
        "/admin/images/chooser/",
        "/admin/documents/",
        f"/admin/documents/edit/{document.pk}/",
        "/admin/choose-page/",
        "/admin/snippets/news/newsrubric/",
        "/admin/snippets/news/newsrubric/?p=2",
        "/admin/snippets/partners/partner/",
        "/admin/settings/cms/sitesettings/",
        "/admin/reports/locked/",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
        "/admin/reports/workflow/",
        "/admin/account/",
    ]
    assert english_in_pages(client, paths, content()) == {}
    for path, title in titles(client, paths[:6]).items():
        assert title.endswith(f"- {settings.WAGTAIL_SITE_NAME}"), (path, title)


@pytest.mark.django_db
def test_a_moderators_day_is_in_russian(client, day):
    client.force_login(day.moderator)
    request = day.request
    paths = [
        "/admin/",
        "/admin/comments/",
        "/admin/comments/?status=pending",
        f"/admin/comments/edit/{ReaderComment.objects.first().pk}/",
        f"/admin/comments/inspect/{ReaderComment.objects.first().pk}/",
        "/admin/comment-stop-words/",
        "/admin/comment-stop-words/add/",
        "/admin/feedback/feedbackrequest/",
        "/admin/feedback/feedbackrequest/?status__exact=new",
        f"/admin/feedback/feedbackrequest/edit/{request.pk}/",
        "/admin/account/",
    ]
    assert english_in_pages(client, paths, content()) == {}


@pytest.mark.django_db
def test_the_issues_examples_read_as_russian(client, day, django_user_model):
    """«1-14 of 14» above the explorer's list, «By Статус» over the requests' filters,
    «API tokens» in the settings menu, «- Wagtail» in the tab."""

    def texts(path):
        return [text for _where, text in shown_strings(page_text(client, path))]

    assert titles(client, ["/admin/login/"])["/admin/login/"].endswith(settings.WAGTAIL_SITE_NAME)
    assert "Вход в управление сайтом библиотеки" in texts("/admin/login/")
    assert english_on(page_text(client, "/admin/login/")) == []

    client.force_login(day.editor)
    explorer = texts(f"/admin/pages/{day.news_index.pk}/")
    assert "1–3 из 3" in explorer
    assert "Всего: 3" in explorer
    client.force_login(day.moderator)
    requests = texts("/admin/feedback/feedbackrequest/")
    assert "Статус" in requests
    assert not [text for text in requests if text.startswith("By ")]
    client.force_login(django_user_model.objects.create_superuser("glavred", "g@example.org", "x"))
    dashboard = texts("/admin/")
    assert "API-ключи" in dashboard
    assert "API tokens" not in dashboard
    assert titles(client, ["/admin/api-tokens/"]) == {
        "/admin/api-tokens/": f"API-ключи - {settings.WAGTAIL_SITE_NAME}"
    }
