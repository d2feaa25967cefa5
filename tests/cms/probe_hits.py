"""Time and profile page cache hits in-process, through Django's WSGI handler with the page
cache in Redis (db 7) or, with PROBE_FILES=1, in files as `make bench` keeps it.

Not part of the suite (not named test_*): run it on its own, on a quiet machine,
    .venv/bin/pytest -q -p no:randomly tests/cms/probe_hits.py -s
PROBE_N hits per round (2,000), PROBE_PROFILE=1 adds a cProfile of one round per page
(also dumped to /tmp/probe_hits_<page>.prof).
"""

import cProfile
import io
import os
import pstats
import sys
import time

import pytest

from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler

from cms.models import SiteSettings
from cms.settings.caches import file_page_cache, redis_caches
from tests.conftest import make_news

N = int(os.environ.get("PROBE_N", "2000"))
ROUNDS = 3


def environ(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_LANGUAGE": "ru,en;q=0.8",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "SCRIPT_NAME": "",
        "REMOTE_ADDR": "127.0.0.1",
    }


def request(handler, path):
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(handler(environ(path), start_response))
    return answer, body


@pytest.fixture
def shared_caches(settings, tmp_path):
    settings.CACHES = redis_caches("redis://127.0.0.1:6379/7")
    if os.environ.get("PROBE_FILES"):
        settings.CACHES["pages"] = file_page_cache(tmp_path)
    settings.PAGE_CACHE_SECONDS = 600
    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.mark.django_db
def test_hits(shared_caches, home, news_index):
    SiteSettings.for_site(home.get_site())  # made on the first view otherwise: a change
    article = make_news(news_index, title="Проба")
    handler = WSGIHandler()
    for name, path in [("home", home.url), ("news", article.url)]:
        for _ in range(200):
            answer, _ = request(handler, path)
        assert answer["headers"]["X-Page-Cache"] == "hit"
        for _ in range(ROUNDS):
            start, cpu = time.perf_counter(), time.process_time()
            for _ in range(N):
                request(handler, path)
            wall = (time.perf_counter() - start) / N * 1e6
            cpu = (time.process_time() - cpu) / N * 1e6
            print(f"\n{name}: {wall:.0f} µs per hit, {cpu:.0f} µs CPU")
        if os.environ.get("PROBE_PROFILE"):
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(N):
                request(handler, path)
            profile.disable()
            stats = pstats.Stats(profile)
            stats.dump_stats(f"/tmp/probe_hits_{name}.prof")
            stats.sort_stats("cumulative").print_stats(45)
