"""What the benchmark loads (issue 7's list), found in the bench data set, and its SQL cost."""

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import NewsIndexPage, NewsPage, NewsTag
from partners.models import Partner, PartnerDirectoryPage

from . import texts
from .news import DISCUSSED_SLUG

CEILING = "ceiling"  # the minimal view every other figure is compared with
CEILING_PATH = "/bench/ceiling/"  # served only with CMS_BENCH_CEILING=true (cms/urls.py)
PAGE, API = "page", "api"
SEARCH_WORD = "книги"


@dataclass(frozen=True)
class Target:
    key: str
    name: str
    path: str
    kind: str


def page_path(page):
    return page.get_url_parts()[2]


def bench_targets():
    """The URLs to load, in the order the report lists them."""
    news_index = NewsIndexPage.objects.live().get()
    discussed = NewsPage.objects.get(slug=DISCUSSED_SLUG)
    tag = NewsTag.objects.get(name=texts.POPULAR_TAG)
    directory = PartnerDirectoryPage.objects.live().get()
    partner = Partner.objects.shown().filter(news_links__isnull=False).order_by("pk").first()
    index = page_path(news_index)
    directory_path = page_path(directory)
    partner_path = directory_path + directory.reverse_subpage("partner_detail", args=[partner.slug])
    return [
        Target("ceiling", "Minimal Django view (ceiling)", CEILING_PATH, CEILING),
        Target("home", "Home", page_path(news_index.get_parent()), PAGE),
        Target("index", "News index, page 1", index, PAGE),
        Target("index_400", "News index, page 400", f"{index}?page=400", PAGE),
        Target("news", "News page with 300 comments", page_path(discussed), PAGE),
        Target("tag", "Tag page", f"{index}?{urlencode({'tag': tag.slug})}", PAGE),
        Target("search", "Search", f"{reverse('search')}?{urlencode({'q': SEARCH_WORD})}", PAGE),
        Target("directory", "Partner directory", directory_path, PAGE),
        Target("partner", "Partner detail", partner_path, PAGE),
        Target("rss", "RSS", reverse("news_feed"), PAGE),
        Target("api_news", "API v2 news listing (20, all fields)",
               "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20", API),
        Target("api_partners", "API v2 partners", "/api/v2/partners/", API),
        Target("api_v3_pages", "API v3 pages listing", "/api/v3/pages/", API),
    ]  # fmt: skip


def count_queries(targets, host="127.0.0.1"):
    """Status and SQL queries of one request per target, in this process, after a first one.

    The first request fills what a warm worker keeps (rendition URLs, site root paths); the
    second is counted, as a served request would be.
    """
    client = Client(SERVER_NAME=host)
    results = []
    for target in targets:
        client.get(target.path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target.path)
        results.append(asdict(target) | {"status": response.status_code, "queries": len(queries)})
    return results


def database_description():
    """The engine and its version, e.g. "PostgreSQL 15.20" or "SQLite 3.40.1"."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor
