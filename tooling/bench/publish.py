"""The page cache across one publish: warm a broad set of URLs, publish one news item in another
process (a real Wagtail revision publish), and count how many of the other URLs are still hits
(the `X-Page-Cache` header of cms.pagecache); then how the home page and the news index serve
right after a publish that must change them, their cache cold."""

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from events.models import EventIndexPage, EventPage
from news.models import NewsIndexPage, NewsPage
from partners.models import Partner, PartnerDirectoryPage

from .targets import page_path

HIT = "hit"
PARTNERS_SAMPLED = 30
API_DETAILS_SAMPLED = 50
EVENTS_SAMPLED = 20


def evenly(items, count):
    """`count` items spread over the whole list (newest to oldest), not its head."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(number * step)] for number in range(count)]


def warm_sample(news_count):
    """The URLs to warm, each with its group, and the two news items to publish.

    `publish`: a sampled article from the middle of the archive (its page is expected to
    change; the others should not); `newest`: the newest news item, on the home page and the
    news index's first page, published before their cold-cache load.
    """
    index = NewsIndexPage.objects.live().get()
    news = list(NewsPage.objects.live().order_by("-date", "-pk").only("pk", "url_path"))
    sampled = evenly(news, news_count)
    afisha = EventIndexPage.objects.live().get()
    events = EventPage.objects.live().child_of(afisha).order_by("pk")[:EVENTS_SAMPLED]
    directory = PartnerDirectoryPage.objects.live().get()
    directory_path = page_path(directory)
    partners = evenly(list(Partner.objects.shown().order_by("pk")), PARTNERS_SAMPLED)
    index_path = page_path(index)
    paths = [
        (page_path(index.get_parent()), "home"),
        (index_path, "news index"),
        (f"{index_path}?page=2", "news index"),
        (page_path(afisha), "Афиша"),
        *((page_path(event), "event page") for event in events),
        (directory_path, "partner directory"),
        *(
            (directory_path + directory.reverse_subpage("partner_detail", args=[p.slug]), "partner")
            for p in partners
        ),
        *((page_path(page), "news page") for page in sampled),
        *(
            (f"/api/v2/pages/{page.pk}/", "API v2 news detail")
            for page in evenly(sampled, API_DETAILS_SAMPLED)
        ),
        ("/api/v2/pages/?type=news.NewsPage&fields=*&limit=20", "API listing"),
        ("/api/v2/partners/", "API listing"),
    ]
    published = sampled[len(sampled) // 2]
    newest = news[0]
    return {
        "paths": [{"path": path, "group": group} for path, group in dict(paths).items()],
        "publish": {
            "id": published.pk,
            "path": page_path(published),
            "api": f"/api/v2/pages/{published.pk}/",
        },
        "newest": {"id": newest.pk, "path": page_path(newest)},
        "home": page_path(index.get_parent()),
        "index": index_path,
    }


def publish_news(page_id):
    """What an editor's «Опубликовать» does: a new revision of the page, published."""
    page = NewsPage.objects.get(pk=page_id)
    page.save_revision().publish()
    return page


def cache_state(base_url, path, timeout=60):
    """(status, the X-Page-Cache header or "", seconds) of one anonymous GET."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    started = time.monotonic()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Page-Cache", ""), time.monotonic() - started
    finally:
        connection.close()


@dataclass
class AfterPublish:
    """What one news publish left of a warm page cache (see the module doc)."""

    warmed: int  # URLs requested to fill the cache
    cached: int  # of them, hits on the request after (the ones a publish can leave warm)
    published: str  # the path of the published news item
    still_hits: int  # cached URLs other than the published one, hits after the publish
    others: int  # cached URLs other than the published one
    missed_by_group: dict = field(default_factory=dict)  # group → URLs no longer hits
    not_cached: list = field(default_factory=list)  # "path (status, header)" never a hit
    cold: dict = field(default_factory=dict)  # key → {"first_ms": …, "load": LoadResult fields}

    @property
    def share(self):
        return 100 * self.still_hits / self.others if self.others else 0.0


def states(base_url, paths, parallel=1):
    """cache_state of each path, `parallel` requests at a time (one per gunicorn worker)."""
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        found = pool.map(lambda path: cache_state(base_url, path), paths)
        return dict(zip(paths, found, strict=True))


def compare(sample, before, after):
    """The AfterPublish figures from the states before and after the publish (no cold load)."""
    groups = {item["path"]: item["group"] for item in sample["paths"]}
    published = sample["publish"]["path"]
    itself = {published, sample["publish"]["api"]}  # the item's own page and API answer
    cached = [path for path, (status, header, _) in before.items() if header == HIT]
    others = [path for path in cached if path not in itself]
    missed = {}
    for path in others:
        if after[path][1] != HIT:
            missed[groups[path]] = missed.get(groups[path], 0) + 1
    return AfterPublish(
        warmed=len(before),
        cached=len(cached),
        published=published,
        still_hits=len(others) - sum(missed.values()),
        others=len(others),
        missed_by_group=missed,
        not_cached=[
            f"{path} ({status}, {header or 'no header'})"
            for path, (status, header, _) in before.items()
            if header != HIT
        ],
    )
