"""A news page runs as many SQL queries with 200 public comments (with files) as with 1."""

from types import SimpleNamespace

import pytest

from django.core.files.base import ContentFile
from django.test import Client

from news.comments.models import CommentAttachment
from tests.conftest import kept_for_the_module, make_home, make_news, make_news_index
from tests.news.comments_helpers import approved
from tests.news.test_query_counts import count_cold_and_warm, count_queries


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


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The module's files (`discussed`) outlive each test."""
    return tmp_path_factory.mktemp("comments-query-counts")


@pytest.fixture(scope="module")
def discussed(django_db_setup, django_db_blocker, files_folder):
    """A news page's queries counted with 1 comment, then with 200 threads (300 comments,
    each thread with a file): built once for the module."""
    with kept_for_the_module(django_db_blocker, files_folder):
        article = make_news(make_news_index(make_home()), title="Обсуждаемая новость")
        client = Client()
        add_comments(article, 1)
        with_one = count_cold_and_warm(client, article.url)
        add_comments(article, 199, start=1)
        with_many = count_cold_and_warm(client, article.url)
        yield SimpleNamespace(url=article.url, with_one=with_one, with_many=with_many)


@pytest.mark.django_db
def test_news_page_queries_do_not_grow_with_comments(client, discussed):
    html = client.get(discussed.url).content.decode()
    assert "Комментарии (300)" in html
    assert "Страница 1 из 10" in html
    print(f"queries: {discussed.with_one} with 1 comment, {discussed.with_many} with 200 threads")
    assert discussed.with_many == discussed.with_one


# The first render after a change (the threads rendered) and the next (the threads kept once
# for every reader, cms.fragments): a query added to either fails here (issue 17).
BUDGET = {"cold": 21, "warm": 1}


@pytest.mark.django_db
def test_news_page_queries_stay_within_the_budget(discussed):
    assert discussed.with_many.cold <= BUDGET["cold"]
    assert discussed.with_many.warm <= BUDGET["warm"]


@pytest.mark.django_db
def test_later_pages_of_comments_run_the_same_queries(client, discussed):
    first = count_queries(client, discussed.url)
    assert count_queries(client, discussed.url + "?comments=5") == first
    html = client.get(discussed.url + "?comments=5").content.decode()
    assert "Страница 5 из 10" in html
