"""API v2/v3 /comments/: a news page's public threads, and nothing any reader may not see."""

import json

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.comments.models import CommentAttachment, ReaderComment
from tests.conftest import make_news, restrict
from tests.news.comments_helpers import approved

pytestmark = pytest.mark.django_db

COMMENT_KEYS = {
    "id", "page_id", "parent_id", "level", "author", "is_official", "date", "text_html",
    "html_url", "place", "attachments", "replies",
}  # fmt: skip


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Обсуждаемая новость")


def attach(comment, kind="image", name="photo.jpg"):
    suffix = ".pdf" if kind == "pdf" else ".jpg"
    return CommentAttachment.objects.create(
        comment=comment,
        kind=kind,
        file=ContentFile(b"%PDF-1.4 %%EOF" if kind == "pdf" else b"jpeg", name=f"a{suffix}"),
        thumbnail=ContentFile(b"webp", name="t.webp") if kind == "image" else "",
        original_name=name,
        size=4,
        width=640 if kind == "image" else None,
        height=480 if kind == "image" else None,
    )


def answer_text(response):
    """The answer as text with Cyrillic as such (API v3 escapes it)."""
    return json.dumps(response.json(), ensure_ascii=False)


def listing(client, page, **params):
    response = client.get("/api/v2/comments/", {"page": page.pk, **params})
    assert response.status_code == 200, response.content[:500]
    return response.json()


def test_threads_carry_what_the_page_shows(client, article):
    root = approved(
        article,
        user_name="Ольга",
        comment="Спасибо!\nВторая строка https://example.org/kniga",
        place_name="Кемерово",
        latitude="55.35",
        longitude="86.09",
    )
    attach(root)
    attach(root, kind="pdf", name="programma.pdf")
    reply = approved(article, user_name="Библиотекарь", comment="Ответ", parent_id=root.pk)

    data = listing(client, article)
    assert data["meta"] == {"total_count": 1}
    [thread] = data["items"]
    assert set(thread) == COMMENT_KEYS
    assert (thread["id"], thread["page_id"], thread["parent_id"], thread["level"]) == (
        root.pk, article.pk, None, 0,
    )  # fmt: skip
    assert thread["author"] == "Ольга"
    assert thread["date"].endswith("+07:00")
    assert thread["text_html"] == (
        'Спасибо!<br>Вторая строка <a href="https://example.org/kniga" rel="nofollow ugc">'
        "https://example.org/kniga</a>"
    )
    assert thread["html_url"] == f"http://testserver{article.url}#c{root.pk}"
    assert thread["place"] == {
        "name": "Кемерово",
        "latitude": 55.35,
        "longitude": 86.09,
        "map_url": "https://www.openstreetmap.org/?mlat=55.35&mlon=86.09#map=12/55.35/86.09",
    }
    image, pdf = thread["attachments"]
    assert image["kind"] == "image" and image["content_type"] == "image/jpeg"
    assert (image["width"], image["height"], image["size"], image["name"]) == (640, 480, 4, "")
    assert image["url"].startswith("http://testserver/comments/files/")
    assert image["thumbnail_url"].endswith(".webp")
    assert client.get(image["thumbnail_url"]).status_code == 200
    assert pdf["name"] == "programma.pdf" and pdf["content_type"] == "application/pdf"
    assert pdf["thumbnail_url"] is None
    [answer] = thread["replies"]
    assert (answer["id"], answer["parent_id"], answer["level"]) == (reply.pk, root.pk, 1)
    assert answer["replies"] == [] and answer["place"] is None


def test_detail_is_the_comment_with_its_replies(client, article):
    root = approved(article, comment="Корень")
    reply = approved(article, comment="Ответ", parent_id=root.pk)
    thread = listing(client, article)["items"][0]
    assert client.get(f"/api/v2/comments/{root.pk}/").json() == thread
    assert client.get(f"/api/v2/comments/{reply.pk}/").json() == thread["replies"][0]


def test_text_name_and_place_never_come_as_markup(client, article):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    approved(article, user_name=payload[:50], comment=payload, place_name=payload[:100])
    thread = listing(client, article)["items"][0]
    assert thread["text_html"].startswith("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
    assert "<img" not in thread["text_html"]
    # Names and places are plain text, to be escaped by the client like any text.
    assert thread["author"] == payload[:50]


def test_no_email_address_account_or_consent_record_is_answered(client, article, django_user_model):
    reader = django_user_model.objects.create_user("reader-login", "account@example.org", "x")
    comment = approved(
        article,
        user=reader,
        user_email="secret-mail@example.org",
        ip_address="203.0.113.7",
        consent_policy_version="policy-v7",
    )
    secrets = ["secret-mail", "account@", "reader-login", "203.0.113.7", "policy-v7", "consent"]
    secrets += ["email", "ip_address", '"user"', "user_id"]
    for version in ("v2", "v3"):
        for url in (f"/comments/?page={article.pk}", f"/comments/{comment.pk}/"):
            text = answer_text(client.get(f"/api/{version}{url}"))
            assert "Хорошая новость" in text
            for secret in secrets:
                assert secret not in text, (version, url, secret)


def test_pending_removed_and_orphaned_comments_are_never_answered(client, article):
    approved(article, comment="Открытый")
    pending = approved(article, comment="Секретный ожидающий", is_public=False)
    removed = approved(article, comment="Секретный удалённый", is_public=False, is_removed=True)
    parent = approved(article, comment="Секретный снятый родитель")
    orphan = approved(article, comment="Секретный ответ снятому", parent_id=parent.pk)
    ReaderComment.objects.filter(pk=parent.pk).update(is_public=False, is_removed=True)

    for url in (f"/api/v2/comments/?page={article.pk}", f"/api/v3/comments/?page={article.pk}"):
        text = answer_text(client.get(url))
        assert "Открытый" in text and "Секрет" not in text
    for hidden in (pending, removed, parent, orphan):
        for version in ("v2", "v3"):
            response = client.get(f"/api/{version}/comments/{hidden.pk}/")
            assert response.status_code == 404, (version, hidden.comment)
    assert (
        client.get("/api/v2/comments/", {"page": article.pk, "search": "Секрет"}).status_code == 400
    )


def test_comments_of_draft_or_private_pages_are_not_answered(client, news_index):
    draft = make_news(news_index, title="Черновик", live=False)
    private = make_news(news_index, title="Закрытая")
    restrict(private)
    for page in (draft, private):
        comment = approved(page, comment="Секретный")
        for version in ("v2", "v3"):
            assert client.get(f"/api/{version}/comments/?page={page.pk}").status_code == 404
            assert client.get(f"/api/{version}/comments/{comment.pk}/").status_code == 404


def test_comments_switched_off_site_wide_are_not_answered(client, article, settings):
    comment = approved(article)
    settings.COMMENTS_ENABLED = False
    assert client.get(f"/api/v2/comments/?page={article.pk}").status_code == 404
    assert client.get(f"/api/v2/comments/{comment.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{article.pk}/").json()["comment_count"] is None


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("", 400, "page"),
        ("?page=", 400, "page"),
        ("?page=abc", 400, "page"),
        ("?page=1.5", 400, "page"),
        ("?page=999999", 404, "page"),
        ("?page=99999999999999999999999", 404, "page"),
        ("?page={home}", 404, "page"),
        ("?page={article}&limit=abc", 400, "limit"),
        ("?page={article}&limit=100000", 400, "limit"),
        ("?page={article}&offset=-1", 400, "offset"),
        ("?page={article}&order=-id", 400, "order"),
        ("?page={article}&fields=*", 400, "fields"),
        ("?page={article}&search=x", 400, "search"),
        ("?page={article}&user_email=x", 400, "user_email"),
        ("?page=%00", 400, "недопустимые символы"),
    ],
)
def test_bad_parameters_get_a_4xx_json_answer_naming_them(
    client, article, home, query, status, words
):
    response = client.get("/api/v2/comments/" + query.format(home=home.pk, article=article.pk))
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert words in response.json()["message"]


def test_limit_and_offset_count_threads(client, article):
    for number in range(25):
        root = approved(article, comment=f"Тема {number}")
        approved(article, comment=f"Ответ {number}", parent_id=root.pk)
    first = listing(client, article)
    assert first["meta"]["total_count"] == 25
    assert len(first["items"]) == 20
    rest = listing(client, article, offset=20)["items"]
    assert [item["text_html"] for item in rest] == [f"Тема {n}" for n in range(20, 25)]
    assert all(len(item["replies"]) == 1 for item in rest)
    v3 = client.get("/api/v3/comments/", {"page": article.pk, "offset": 20}).json()
    assert v3 == {"count": 25, "items": rest}


def add_comments(article, count, start=0):
    for number in range(start, start + count):
        root = approved(article, comment=f"Комментарий {number}", place_name="Кемерово")
        attach(root)
        if number % 2:
            reply = approved(article, comment=f"Ответ {number}", parent_id=root.pk)
            attach(reply, kind="pdf")


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_listing_and_detail_queries_do_not_grow_with_comments(client, article):
    add_comments(article, 1)
    first = ReaderComment.objects.order_by("pk").first()
    urls = [
        f"/api/v2/comments/?page={article.pk}",
        f"/api/v3/comments/?page={article.pk}",
        f"/api/v2/comments/{first.pk}/",
        f"/api/v3/comments/{first.pk}/",
    ]
    with_one = [count_queries(client, url) for url in urls]
    add_comments(article, 99, start=1)
    for number in range(20):
        approved(article, comment=f"Ещё ответ {number}", parent_id=first.pk)
    assert ReaderComment.objects.count() == 170
    assert [count_queries(client, url) for url in urls] == with_one
