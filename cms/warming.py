"""Warm after change: once a change commits, the worker renders the most-read pages again (each
site's home, the changed pages and the lists they sit in) into the shared page cache, so the
next reader gets a hit instead of paying for the render.

A page is rendered in-process through the whole middleware stack as an anonymous reader with
no cookies, at the address its Site gives it (scheme, host, port), so it is stored under the
key such a reader's request has (cms.pagecache.cache_key): behind nginx, which passes the host
and X-Forwarded-Proto, that is the Site's hostname and scheme. Readers with the preferences of
the version for the visually impaired, and API clients (their Accept header is in the key), are
not warmed. Warming never fails the change: whatever goes wrong is logged.
"""

import logging
import sys
from io import BytesIO
from urllib.parse import unquote_to_bytes, urlsplit

from django_tasks import task

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest

from wagtail.models import Page, Site

from .pages import visible_pages

logger = logging.getLogger(__name__)

# More than a change's own pages and lists: a bulk import is not re-rendered page by page.
MOST_WARMED = 12
PAGE_TAG_PREFIXES = ("page:", "comments:")
USER_AGENT = "cache-warmer"


def warm_after(tags):
    """Have the worker warm the pages a committed change with these tags made stale."""
    if not settings.PAGE_CACHE_SECONDS:
        return
    try:
        warm_pages.enqueue(sorted(changed_page_ids(tags)))
    except Exception:  # a queue down must not fail the change: the pages render on demand
        logger.exception("Pages not queued for warming after a change")


def changed_page_ids(tags):
    ids = set()
    for tag in tags:
        for prefix in PAGE_TAG_PREFIXES:
            number = tag.removeprefix(prefix)
            if tag.startswith(prefix) and number.isdigit():
                ids.add(int(number))
    return ids


@task()
def warm_pages(page_ids):
    """Render each site's home, the pages and the lists they are in (their parents)."""
    handler = BaseHandler()
    handler.load_middleware()
    for url in most_read_urls(page_ids):
        try:
            response = handler.get_response(anonymous_request(url))
        except Exception:
            logger.exception("Warming %s failed", url)
            continue
        if response.status_code != 200:
            logger.info("Warming %s: %s, not stored", url, response.status_code)


def most_read_urls(page_ids):
    pages = list(Page.objects.filter(pk__in=page_ids).only("path", "depth"))
    parent_paths = [page.path[: -Page.steplen] for page in pages if page.depth > 2]
    homes = Site.objects.values_list("root_page_id", flat=True)
    ordered = [
        *visible_pages().filter(pk__in=homes),
        *visible_pages().filter(path__in=parent_paths),
        *visible_pages().filter(pk__in=page_ids),
    ]
    urls = []
    for page in ordered:
        parts = page.get_url_parts()
        url = parts and parts[1] + parts[2]
        if url and url not in urls:
            urls.append(url)
    return urls[:MOST_WARMED]


def anonymous_request(url):
    """A GET of `url` as a reader's browser sends it through the proxy: no cookies."""
    address = urlsplit(url)
    default_port = "443" if address.scheme == "https" else "80"
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(address.path or "/").decode("iso-8859-1"),
        "QUERY_STRING": address.query,
        "SERVER_NAME": address.hostname,
        "SERVER_PORT": str(address.port or default_port),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": address.netloc,
        "HTTP_USER_AGENT": USER_AGENT,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": address.scheme,
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        environ[header] = secure_value if address.scheme == "https" else address.scheme
    return WSGIRequest(environ)
