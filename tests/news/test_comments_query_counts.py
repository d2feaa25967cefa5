"""A news page runs as many SQL queries with 200 public comments (with files) as with 1."""

import pytest

from django.core.files.base import ContentFile

from news.comments.models import CommentAttachment
from tests.conftest import make_news
from tests.news.comments_helpers import approved
from tests.news.test_query_counts import count_queries


def add_comments(article, count, start=0):
    for number in range(start, start + count):
        parent = approved(article, comment=f"Комментарий {number}", user_name=f"Читатель {number}")
        CommentAttachment.objects.create(
            comment=parent,
            kind="image",
            file=ContentFile(b"x", name="a.jpg"),
            thumbnail=ContentFile(b"x", name="t.webp"),
        )
        if number % 2:
            approved(article, comment=f"Ответ {number}", parent_id=parent.pk)


@pytest.mark.django_db
def test_news_page_queries_do_not_grow_with_comments(client, news_index):
    article = make_news(news_index, title="Обсуждаемая новость")
    add_comments(article, 1)
    with_one = count_queries(client, article.url)
    add_comments(article, 199, start=1)
    with_many = count_queries(client, article.url)
    html = client.get(article.url).content.decode()
    assert "Комментарии (300)" in html
    assert "Страница 1 из 10" in html
    print(f"queries: {with_one} with 1 comment, {with_many} with 200 threads (300 comments)")
    assert with_many == with_one


@pytest.mark.django_db
def test_later_pages_of_comments_run_the_same_queries(client, news_index):
    article = make_news(news_index, title="Обсуждаемая новость")
    add_comments(article, 200)
    first = count_queries(client, article.url)
    assert count_queries(client, article.url + "?comments=5") == first
    html = client.get(article.url + "?comments=5").content.decode()
    assert "Страница 5 из 10" in html
