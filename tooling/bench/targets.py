"""What the benchmark loads (issues 7 and 17), found in the bench data set, and its SQL cost."""

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import EventIndexPage, EventPage
from news.models import NewsIndexPage, NewsPage, NewsTag
from partners.models import Partner, PartnerDirectoryPage
from tooling.demo.content import SEED_ARTICLE

from . import texts
from .news import DISCUSSED_SLUG

# The bare Django view every other figure is compared with: its own project and gunicorn
# (tooling.bench.ceiling_app), answering at the root of its own port.
CEILING = "ceiling"
CEILING_APP = "tooling.bench.ceiling_app"
CEILING_PATH = "/"
READY_PATH = "/healthz/"  # the site's cheapest answer: its gunicorn is up (cms.health)
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
    seed = NewsPage.objects.get(title=SEED_ARTICLE["title"])
    discussed = NewsPage.objects.get(slug=DISCUSSED_SLUG)
    afisha = EventIndexPage.objects.live().get()
    event = EventPage.objects.live().child_of(afisha).order_by("pk").first()
    tag = NewsTag.objects.get(name=texts.POPULAR_TAG)
    directory = PartnerDirectoryPage.objects.live().get()
    partner = Partner.objects.shown().filter(news_links__isnull=False).order_by("pk").first()
    index = page_path(news_index)
    directory_path = page_path(directory)
    partner_path = directory_path + directory.reverse_subpage("partner_detail", args=[partner.slug])
    return [
        Target("ceiling", "Bare Django view (ceiling, own process)", CEILING_PATH, CEILING),
        Target("home", "Home", page_path(news_index.get_parent()), PAGE),
        Target("index", "News index, page 1", index, PAGE),
        Target("index_400", "News index, page 400", f"{index}?page=400", PAGE),
        Target("seed", "Seed article (2 comments)", page_path(seed), PAGE),
        Target("news", "News page with 300 comments", page_path(discussed), PAGE),
        Target("tag", "Tag page", f"{index}?{urlencode({'tag': tag.slug})}", PAGE),
        Target("search", "Search", f"{reverse('search')}?{urlencode({'q': SEARCH_WORD})}", PAGE),
        Target("directory", "Partner directory", directory_path, PAGE),
        Target("partner", "Partner detail", partner_path, PAGE),
        Target("rss", "RSS", reverse("news_feed"), PAGE),
        Target("afisha", "Афиша", page_path(afisha), PAGE),
        Target("event", "Event page", page_path(event), PAGE),
        Target("api_news", "API v2 news listing (20, all fields)",
               "/api/v2/pages/?type=news.NewsPage&fields=*&limit=20", API),
        Target("api_partners", "API v2 partners", "/api/v2/partners/", API),
        Target("api_v3_pages", "API v3 pages listing", "/api/v3/pages/", API),
    ]  # fmt: skip


def count_queries(targets, host="127.0.0.1", client=None):
    """Status and SQL queries of one request per target, in this process, after a first one
    (with `client`'s session, if given).

    The first request fills what a warm worker keeps (rendition URLs, site root paths); the
    second is counted, as a served request would be.
    """
    client = client or Client(SERVER_NAME=host)
    results = []
    for target in targets:
        if target.kind == CEILING:  # another project, in another process: no SQL at all
            results.append(asdict(target) | {"status": 200, "queries": 0})
            continue
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
