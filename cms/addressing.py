"""Absolute addresses in API answers: from WAGTAILAPI_BASE_URL when it is set, otherwise
from the host (and scheme) the request came to, so a client behind any host or port gets
links it can follow. Wagtail's own helper takes the Site's root URL instead, which names
whatever host the site was configured with, not the one that served the request."""

import re
from urllib.parse import urlsplit

from django.conf import settings


def base_url(request=None):
    """ "scheme://host[:port]" the API's links start with, or "" when nothing tells it."""
    configured = getattr(settings, "WAGTAILAPI_BASE_URL", None)
    if configured:
        parts = urlsplit(configured)
        return f"{parts.scheme}://{parts.netloc}"
    if request is None:
        return ""
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(request, url):
    """`url` made absolute; an absolute URL (a page on another site) stays as it is."""
    if not url or urlsplit(url).scheme or url.startswith("//"):
        return url
    return base_url(request) + url


# href="/…" and src="/…" in HTML that Wagtail renders (expand_db_html), not "//host/…".
SITE_RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')
SRCSET = re.compile(r'(\ssrcset=")([^"]*)"')


def absolute_links(html, request):
    """HTML with its links to the site's own pages and files (href, src and every srcset
    candidate) made absolute."""

    def absolute_srcset(match):
        candidates = []
        for candidate in match[2].split(","):
            url, _, descriptor = candidate.strip().partition(" ")
            candidates.append(f"{absolute_url(request, url)} {descriptor}".strip())
        return f'{match[1]}{", ".join(candidates)}"'

    html = SITE_RELATIVE_LINK.sub(
        lambda match: f'{match[1]}{absolute_url(request, match[2])}"', html
    )
    return SRCSET.sub(absolute_srcset, html)
