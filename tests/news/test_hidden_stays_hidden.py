"""What the page hides, every other way in hides too: the API, the counts, the export, files.

Regression tests for three leaks found by trying them from outside: a password-protected
related news item named by the API, a reply under a hidden comment counted, and the files of
hidden comments served; and the draft an editor previews in an external front end, which
only its preview token opens.
"""

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from news.comments.models import CommentAttachment
from news.models import NewsPageRelatedNews
from tests.conftest import make_image, make_news, publish, restrict
from tests.news.comments_helpers import approved, comment_data
from tests.news.test_editor import news_form

pytestmark = pytest.mark.django_db

SECRET = "Закрытая новость о тайном проекте"


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Открытая новость")


def relate(page, *related):
    page.related_news = [NewsPageRelatedNews(related=item) for item in related]
    return publish(page)


def attach(comment):
    return CommentAttachment.objects.create(
        comment=comment,
        kind="image",
        file=ContentFile(b"jpeg", name="photo.jpg"),
        thumbnail=ContentFile(b"webp", name="thumb.webp"),
        original_name="Фото.jpg",
        size=4,
    )


def api_news(client, page):
    detail = client.get(f"/api/v2/pages/{page.pk}/")
    assert detail.status_code == 200
    listing = client.get(
        "/api/v2/pages/", {"type": "news.NewsPage", "fields": "related_news,comment_count"}
    )
    assert listing.status_code == 200
    item = next(item for item in listing.json()["items"] if item["id"] == page.pk)
    return detail.json(), item


def test_related_news_behind_a_password_is_named_nowhere(client, news_index, article, tmp_path):
    secret = restrict(make_news(news_index, title=SECRET)).page
    draft = make_news(news_index, title="Черновик о тайном проекте", live=False)
    shown = make_news(news_index, title="Другая открытая новость")
    article = relate(article, secret, draft, shown)

    page = client.get(article.url).content.decode()
    detail, item = api_news(client, article)
    v3 = client.get(f"/api/v3/pages/{article.pk}/").json()
    call_command("export_content", out=tmp_path, verbosity=0)
    exported = (tmp_path / "pages" / f"{article.pk}.json").read_text(encoding="utf-8")

    assert "Другая открытая новость" in page
    for answer in (detail, item, v3, json.loads(exported)):
        assert [link["title"] for link in answer["related_news"]] == ["Другая открытая новость"]
    for text in (page, json.dumps([detail, v3], ensure_ascii=False), exported):
        assert "тайном проекте" not in text
        assert secret.url not in text


@pytest.mark.parametrize("parent_state", ["pending", "removed"])
def test_reply_under_a_hidden_comment_is_not_counted(client, article, parent_state):
    parent = approved(article, user_name="Родитель")
    reply = approved(article, user_name="Ответ", parent_id=parent.pk)
    approved(article, user_name="Виден")
    parent.is_public = False
    parent.is_removed = parent_state == "removed"
    parent.save()

    page = client.get(article.url).content.decode()
    detail, item = api_news(client, article)
    threads = client.get("/api/v2/comments/", {"page": article.pk}).json()

    assert "Комментарии (1)" in page
    assert detail["comment_count"] == item["comment_count"] == 1
    assert threads["meta"]["total_count"] == 1
    assert f'id="c{reply.pk}"' not in page
    assert client.get(f"/api/v2/comments/{reply.pk}/").status_code == 404
    assert client.get(f"/api/v3/comments/{reply.pk}/").status_code == 404


def test_files_of_a_reply_under_a_hidden_comment_are_not_served(client, article, admin_user):
    parent = approved(article)
    reply = approved(article, parent_id=parent.pk)
    attachment = attach(reply)
    assert client.get(attachment.url).status_code == 200

    parent.is_public = False
    parent.save()

    assert client.get(attachment.url).status_code == 404
    assert client.get(attachment.thumbnail_url).status_code == 404
    moderator = Client()
    moderator.force_login(admin_user)
    preview = moderator.get(attachment.url)  # moderators still see it, never cached by a proxy
    assert preview.status_code == 200
    assert preview["Cache-Control"] == "private, no-store"


def test_files_of_comments_on_a_news_item_made_private_are_not_served(client, article):
    attachment = attach(approved(article))
    assert client.get(attachment.url).status_code == 200

    restrict(article)

    assert client.get(attachment.url).status_code == 404
    assert client.get(attachment.thumbnail_url).status_code == 404
    assert client.get(f"/api/v2/comments/{attachment.comment.pk}/").status_code == 404


def test_files_of_comments_on_an_unpublished_news_item_are_not_served(client, article):
    attachment = attach(approved(article))
    article.unpublish()

    assert client.get(attachment.url).status_code == 404


def test_a_reply_to_a_hidden_comment_is_refused(client, article):
    parent = approved(article)
    shown_reply = approved(article, parent_id=parent.pk)
    parent.is_public = False
    parent.save()

    response = client.post(article.url, comment_data(article, reply_to=shown_reply.pk))

    assert response.status_code == 400
    assert "На этот комментарий ответить нельзя." in response.content.decode()


def test_a_draft_previewed_in_an_external_front_end_is_in_no_anonymous_answer(
    editor, news_index, article, settings
):
    """The preview token is the only way to the draft: every other way in stays live-only."""
    settings.HEADLESS_PREVIEW_CLIENT_URLS = {"default": "https://front.example.org/preview/"}
    draft_title = "Черновик о тайном проекте"
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    data = news_form(make_image("Витрина"), title=draft_title, slug=article.slug)
    assert editor.post(url, data).json()["is_valid"]
    location = editor.get(url)["Location"]
    query = {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}
    editor.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), data)  # a saved draft too
    article.refresh_from_db()
    assert article.has_unpublished_changes

    reader = Client()
    assert reader.get("/api/v2/page_preview/", query).json()["title"] == draft_title
    answers = [
        reader.get(path, params)
        for path, params in [
            ("/api/v2/page_preview/", {"content_type": "news.newspage"}),
            ("/api/v2/page_preview/", {**query, "token": query["token"][:-2] + "xx"}),
            ("/api/v2/page_preview/", {**query, "content_type": "home.homepage"}),
            ("/api/v3/page_preview/", {"content_type": "news.newspage", "token": "x"}),
            ("/api/v3/page_preview/", {**query, "content_type": "partners.partner"}),
            ("/api/v2/pages/", {"type": "news.NewsPage", "fields": "*"}),
            ("/api/v2/pages/", {"search": "тайном проекте"}),
            (f"/api/v2/pages/{article.pk}/", {}),
            ("/api/v3/pages/", {"type": "news.NewsPage"}),
            (f"/api/v3/pages/{article.pk}/", {"version": "draft"}),
            ("/search/", {"q": "тайном проекте"}),
            (article.url, {}),
            ("/rss/", {}),
        ]
    ]
    assert [answer.status_code for answer in answers[:5]] == [400, 403, 403, 403, 403]
    for answer in answers:  # the search page repeats the query: the whole title is checked
        assert draft_title not in answer.content.decode()
