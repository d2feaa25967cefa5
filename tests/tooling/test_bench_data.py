"""The bench data set (build_bench_data), built small: a valid tree, site, threads and index."""

import re
from collections import defaultdict
from io import StringIO

import pytest

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from wagtail.images.models import Rendition
from wagtail.models import Page, Site

from cms.models import PromoBlock, Slide
from cms.tree import tree_root
from home.models import HomePage
from news.comments.models import CommentAttachment, ReaderComment
from news.models import NewsIndexPage, NewsPage
from partners.models import Partner, PartnerDirectoryPage
from tests.conftest import add_page, files_settings, make_news, publish
from tests.events.helpers import make_event, make_event_index
from tooling.bench.news import DISCUSSED_SLUG
from tooling.bench.publish import publish_news, warm_sample
from tooling.bench.session import READER, READER_NAMES, session_cookie, signed_in_client
from tooling.bench.targets import CEILING, bench_targets, count_queries
from tooling.demo.content import SEED_ARTICLE
from tooling.management.commands.build_bench_data import is_bench_database

NEWS, COMMENTS, PARTNERS = 200, 1000, 30


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    """The module's images outlive each test, unlike the per-test folder of the root conftest."""
    return tmp_path_factory.mktemp("bench")


@pytest.fixture(scope="module")
def bench_site(django_db_setup, django_db_blocker, files_folder):
    """A small site with the bench data set, built once for the module and rolled back after."""
    with (
        django_db_blocker.unblock(),
        override_settings(**files_settings(files_folder)),
        transaction.atomic(),
    ):
        cache.clear()  # rendition URLs cached by earlier tests, whose rows were rolled back
        root = tree_root()
        for page in root.get_children():
            page.delete()
        home = HomePage(title="Библиотека", slug="home")
        root.add_child(instance=home)
        publish(home)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "testserver", "port": 80, "root_page": home},
        )
        add_page(home, NewsIndexPage(title="Новости"))
        add_page(home, PartnerDirectoryPage(title="Библиотеки-партнёры"))
        call_command(
            "build_bench_data", news=NEWS, comments=COMMENTS, partners=PARTNERS,
            images=1, image_scale=0.2, verbosity=0, stdout=StringIO(),
        )  # fmt: skip
        yield
        transaction.set_rollback(True)
    cache.clear()  # rendition URLs of rows that no longer exist


@pytest.fixture
def discussed(bench_site, db):
    return NewsPage.objects.get(slug=DISCUSSED_SLUG)


def test_the_page_tree_has_no_problems(bench_site, db):
    assert Page.find_problems() == ([], [], [], [], [])
    index = NewsIndexPage.objects.get()
    assert index.numchild == index.get_children().count() == NEWS


def test_news_are_published_like_pages_saved_in_the_admin(bench_site, db):
    news = NewsPage.objects.live().public()
    assert news.count() == NEWS
    index = NewsIndexPage.objects.get()
    for page in news.select_related("locale", "main_image", "rubric")[:50]:
        assert page.first_published_at and page.last_published_at and page.date
        assert page.draft_title == page.title
        assert page.url_path == f"{index.url_path}{page.slug}/"
        assert page.locale_id == index.locale_id
        assert page.specific_class is NewsPage
        assert page.main_image and page.rubric and page.tags.exists()
        assert page.body.raw_data[0]["type"] == "paragraph"
    dates = list(news.order_by("date").values_list("date", flat=True))
    assert (dates[-1] - dates[0]).days > 9 * 365


def test_news_pages_render(bench_site, db, client):
    for page in NewsPage.objects.order_by("path")[:: NEWS // 4]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


def test_the_news_index_paginates_through_every_news_item(bench_site, db, client):
    last_page = -(-NEWS // settings.NEWS_PER_PAGE)
    response = client.get("/novosti/", {"page": last_page})
    assert response.status_code == 200
    assert response.context["news_page"].number == last_page
    assert response.context["news_page"].paginator.count == NEWS


def test_the_discussed_news_item_shows_its_300_public_comments(discussed, client):
    html = client.get(discussed.url).content.decode()
    assert len(re.findall(r'class="comment comment--level-\d"', html)) == 300
    assert "Комментарии (300)" in html
    assert ReaderComment.objects.for_page(discussed).count() == 300


def test_comment_threads_are_what_django_comments_xtd_would_store(bench_site, db):
    comments = list(ReaderComment.objects.all())
    assert len(comments) == COMMENTS
    by_id = {comment.pk: comment for comment in comments}
    children = defaultdict(list)
    for comment in comments:
        if comment.parent_id != comment.pk:
            parent = by_id[comment.parent_id]
            children[parent.pk].append(comment)
            assert comment.thread_id == parent.thread_id
            assert comment.level == parent.level + 1 <= settings.COMMENTS_XTD_MAX_THREAD_LEVEL
            assert comment.submit_date >= parent.submit_date
        else:
            assert comment.thread_id == comment.pk and comment.level == 0

    def subtree(comment):
        replies = sorted(children[comment.pk], key=lambda reply: reply.pk)
        return [comment, *(node for reply in replies for node in subtree(reply))]

    for root in (comment for comment in comments if comment.level == 0):
        thread = subtree(root)
        assert [comment.order for comment in thread] == list(range(1, len(thread) + 1))
        for comment in thread:
            assert comment.nested_count == len(subtree(comment)) - 1


def test_comments_are_public_pending_and_removed_some_with_files(bench_site, db):
    comments = ReaderComment.objects.all()
    assert comments.approved().count() > comments.pending().count() > 0
    assert comments.removed().exists()
    assert ReaderComment.objects.filter(user__isnull=False).exists()
    attachments = CommentAttachment.objects.select_related("comment")
    assert attachments.exists()
    for attachment in attachments:
        assert attachment.comment.is_approved
        assert attachment.file.storage.exists(attachment.file.name)


def test_partners_slides_and_promos_are_published_and_on_show(bench_site, db):
    assert Partner.objects.filter(live=True).count() == PARTNERS
    assert Partner.objects.filter(logo__isnull=False).exists()
    assert Slide.objects.visible().count() == 20
    assert PromoBlock.objects.visible().count() == 30


def test_search_and_the_api_find_the_bench_news(bench_site, db, client):
    response = client.get("/search/", {"q": "книги"})
    assert response.context["results_page"].paginator.count > NEWS // 2
    api = client.get("/api/v2/pages/", {"type": "news.NewsPage", "fields": "*", "limit": 20})
    assert api.json()["meta"]["total_count"] == NEWS
    assert len(api.json()["items"]) == 20
    assert client.get("/api/v2/partners/").json()["meta"]["total_count"] == PARTNERS


@pytest.fixture
def demo_pages(bench_site, db):
    """What the bench finds of the demo content under the bulk news: the seed article and
    the Афиша with an event."""
    home = HomePage.objects.get()
    make_news(NewsIndexPage.objects.get(), title=SEED_ARTICLE["title"])
    make_event(make_event_index(home), title="Клуб «Читаем вместе»")


def test_every_bench_url_answers_200_without_making_renditions(demo_pages):
    renditions = Rendition.objects.count()
    targets = [target for target in bench_targets() if target.kind != CEILING]
    assert {"seed", "afisha", "event"} <= {target.key for target in targets}
    results = count_queries(targets, host="testserver")
    assert {result["path"]: result["status"] for result in results} == {
        target.path: 200 for target in targets
    }
    assert Rendition.objects.count() == renditions


def test_a_signed_in_bench_reader_is_served_pages_the_cache_never_holds(
    demo_pages, page_cache_on, django_user_model
):
    client = signed_in_client(host="testserver")
    response = client.get(HomePage.objects.get().url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    assert READER_NAMES["first_name"] in response.content.decode()
    assert session_cookie(client).startswith(f"{settings.SESSION_COOKIE_NAME}=")
    signed_in_client(host="testserver")
    assert django_user_model.objects.filter(username=READER["username"]).count() == 1


def test_the_after_publish_sample_spreads_over_the_site_and_answers_200(demo_pages, client):
    sample = warm_sample(20)
    groups = {item["group"] for item in sample["paths"]}
    assert {"home", "news index", "news page", "partner", "Афиша", "event page"} <= groups
    assert {"API v2 news detail", "API listing", "partner directory"} <= groups
    news = [item for item in sample["paths"] if item["group"] == "news page"]
    assert len(news) == 20
    assert sample["publish"]["path"] in {item["path"] for item in news}
    for item in sample["paths"]:
        assert client.get(item["path"]).status_code == 200, item["path"]


def test_the_bench_publish_is_a_new_published_revision(demo_pages):
    page = NewsPage.objects.get(slug=DISCUSSED_SLUG)
    revisions = page.revisions.count()
    publish_news(page.pk)
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert page.live_revision == page.latest_revision and not page.has_unpublished_changes


def test_reset_never_flushes_a_database_not_named_for_the_benchmark(db):
    if is_bench_database():
        pytest.skip("this test database is itself named for the benchmark")
    with pytest.raises(CommandError, match="not named for the benchmark"):
        call_command("build_bench_data", reset=True, verbosity=0)


def test_building_twice_is_refused(bench_site, db):
    with pytest.raises(CommandError, match="already in this database"):
        call_command("build_bench_data", news=1, comments=300, verbosity=0)
