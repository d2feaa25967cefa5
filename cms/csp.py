"""The Content-Security-Policy of each response: settings.CONTENT_SECURITY_POLICY, adjusted.

django-csp builds the header; this module decides what goes in it beyond the settings:

- Static and media files may be served from another origin (STATIC_URL, MEDIA_URL): their
  origins are allowed for what those files are.
- The Wagtail admin gets ADMIN_ADDITIONS (see there why it needs inline scripts), and may
  frame the external preview clients (HEADLESS_PREVIEW_CLIENT_URLS); the browsable API
  API_ADDITIONS.
- A page that renders a third-party widget names it in its template
  (`{% csp_allow "pos_widget" %}`), and only that page's policy allows the widget's origin:
  a site that never configured the widget never trusts Госуслуги's scripts. Domain apps add
  their own (`register_page_additions`), whose sources may depend on the request: the
  sign-in buttons' form-action names only the providers configured.
- frame-ancestors says what X-Frame-Options says (DENY: 'none'; SAMEORIGIN, as for Wagtail's
  preview iframes: 'self'), so the two headers never disagree.

The middleware is listed twice in MIDDLEWARE. The inner one writes the header of each rendered
page, which cms.pagecache stores and replays with the page, so a cached copy keeps the page's
own policy (its widget, say). The outer one gives the settings' policy to
every response that never reached the inner one (redirects, refusals, static files); it never
overwrites a header that is already there. Readers' pages use no nonce: a cached page would
hand the same nonce to everyone (cms.pagecache does not store a page whose policy has one).
"""

import functools
from urllib.parse import urlsplit

from csp.constants import HEADER, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from cms.settings.headless_preview import client_origins

# Wagtail 8's admin still renders inline <script> elements with data of the moment: InlinePanel
# and MultipleChooserPanel (panels/inline_panel.html, multiple_chooser_panel.html), the
# date and time widgets (widgets/date_input.html …), and chooser modals whose HTML, with
# scripts in it, arrives by fetch (without 'unsafe-inline' a news item's editor had 13 inline
# scripts refused, the page explorer 2, and vendor.js more). None of them can carry a nonce
# (a form widget's template never sees the request) or a fixed hash, so the admin's scripts
# need 'unsafe-inline'. Scripts still load from the site's own origin only, and only staff
# reach the admin.
# Its styles use inline style attributes; image previews of uploads are blob: and data: URLs.
ADMIN_ADDITIONS = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
    "font-src": ["data:"],
    "frame-src": [SELF],  # the preview panel
}

# The browsable API (Django REST framework's HTML pages of /api/v2/) styles its pages with
# a <style> element and style attributes; the JSON answers have nothing to style.
API_ADDITIONS = {"style-src": [UNSAFE_INLINE]}

# The Госуслуги «Платформа обратной связи» widget (templates/includes/pos_widget.html): its
# script draws a button and opens the form in an iframe from the same origin; its styles and
# pictures come with it. Shown only where an editor set the widget's id.
POS_WIDGET_ORIGIN = "https://pos.gosuslugi.ru"
PAGE_ADDITIONS = {
    "pos_widget": {
        "script-src": [POS_WIDGET_ORIGIN],
        "style-src": [POS_WIDGET_ORIGIN, UNSAFE_INLINE],
        "img-src": [POS_WIDGET_ORIGIN],
        "frame-src": [POS_WIDGET_ORIGIN],
        "connect-src": [POS_WIDGET_ORIGIN],
    },
}

FRAME_ANCESTORS = {"DENY": [NONE], "SAMEORIGIN": [SELF]}
ASSET_DIRECTIVES = {
    "STATIC_URL": ["script-src", "style-src", "img-src", "font-src"],
    "MEDIA_URL": ["img-src"],
}


def register_page_additions(name, additions):
    """Name a page's additions for `allow_on_page`: directives and sources, or a function
    of the request that returns them (called when the response's policy is written)."""
    PAGE_ADDITIONS[name] = additions


def allow_on_page(request, name):
    """This response's policy lets the named widget (a key of PAGE_ADDITIONS) work."""
    if name not in PAGE_ADDITIONS:
        raise ValueError(f"No Content-Security-Policy additions called {name!r}")
    request.csp_page_additions = getattr(request, "csp_page_additions", set()) | {name}


def page_additions_of(request, render):
    """(render(), the names it passed to allow_on_page): what a cached part of a page must
    allow again each time it is served from the cache without rendering."""
    earlier = getattr(request, "csp_page_additions", set())
    request.csp_page_additions = set()
    try:
        result = render()
        added = frozenset(request.csp_page_additions)
    finally:
        request.csp_page_additions = earlier | request.csp_page_additions
    return result, added


def origin(url):
    """Where files under an absolute or scheme-relative URL come from, as a CSP source
    ("https://cdn.example.org/media/" → "https://cdn.example.org"); None for a path here."""
    parts = urlsplit(url or "")
    if not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else parts.netloc


def merge(directives, additions):
    for name, sources in additions.items():
        merged = list(dict.fromkeys([*directives.get(name, []), *sources]))
        # 'none' next to a source is void (and browsers warn about it): the source replaces it.
        directives[name] = [source for source in merged if source != NONE] or [NONE]


@functools.cache
def admin_path(urlconf, script_prefix):
    """The admin's path, reversed once per URLconf and script prefix (reverse() reads it)."""
    return reverse("wagtailadmin_home", urlconf=urlconf)


def path_additions(request):
    if request.path.startswith(admin_path(get_urlconf(), get_script_prefix())):
        # The external front ends that the Preview shows (cms.preview).
        clients = client_origins(settings.HEADLESS_PREVIEW_CLIENT_URLS)
        return ADMIN_ADDITIONS | {"frame-src": [*ADMIN_ADDITIONS["frame-src"], *clients]}
    if request.path.startswith("/api/"):
        return API_ADDITIONS
    return {}


def frame_ancestors(request, response):
    """None when the response may be framed anywhere (xframe_options_exempt)."""
    if getattr(response, "xframe_options_exempt", False):
        return None
    if getattr(request, "is_preview", False):
        # Wagtail renders a preview through the whole middleware chain again, for a request
        # to the page's own URL, and its preview view adds SAMEORIGIN only afterwards.
        return [SELF]
    option = response.get("X-Frame-Options") or getattr(settings, "X_FRAME_OPTIONS", "DENY")
    return FRAME_ANCESTORS.get(option.upper(), [NONE])


def policy_for(request, response):
    """The directives of this response's policy."""
    directives = {
        name: list(sources)
        for name, sources in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }
    for setting, names in ASSET_DIRECTIVES.items():
        if asset_origin := origin(getattr(settings, setting)):
            merge(directives, {name: [asset_origin] for name in names})
    merge(directives, path_additions(request))
    for name in sorted(getattr(request, "csp_page_additions", ())):
        additions = PAGE_ADDITIONS[name]
        merge(directives, additions(request) if callable(additions) else additions)
    ancestors = frame_ancestors(request, response)
    if ancestors is None:
        directives.pop("frame-ancestors", None)
    else:
        directives["frame-ancestors"] = ancestors
    return directives


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy of cms.csp.

    Writes the header itself rather than through django-csp's get_policy_parts, whose
    dataclasses.asdict deep-copies the policy twice per response (two thirds of its cost).
    """

    def process_response(self, request, response):
        # A 304 has no content for a policy to govern, and a header on it would replace the
        # policy the browser keeps with its copy of the page (HTTP caching updates headers).
        if response.status_code == 304:
            return response
        if HEADER in response:  # written inside the page cache, or stored with the page
            return response
        if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None):
            return super().process_response(request, response)  # django-csp's path does both
        # As django-csp: no policy on Django's debug pages, nor on an exempt view's answer.
        debug_page = settings.DEBUG and response.status_code in (404, 500)
        if not debug_page and not getattr(response, "_csp_exempt", False):
            parts = self.get_policy_parts(request, response)
            response[HEADER] = build_policy(
                config=parts.config, update=parts.update, replace=parts.replace, nonce=parts.nonce
            )
        if getattr(request, "_csp_nonce", None) is None:
            # As django-csp: a nonce asked for after the header is written would not be in it.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only:
            # A view's own policy (django-csp's @csp decorator) wins.
            parts.config = parts.config or policy_for(request, response)
        return parts
