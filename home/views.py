"""Site search, robots.txt and the bench's minimal view; page types render themselves."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from home.models import StandardPage
from home.vision import COOKIE_MAX_AGE, COOKIE_NAME, VisionPreferences
from news.models import NewsPage

MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Full-text search over live, public news and standard pages of this site."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        site = Site.find_for_request(request)
        # Newest first where the backend does not rank by relevance (SQLite).
        pages = Page.objects.live().public().type(NewsPage, StandardPage)
        pages = pages.order_by("-first_published_at")
        if site:
            pages = pages.descendant_of(site.root_page)
        results = pages.specific().search(query)
        paginator = Paginator(results, settings.SEARCH_RESULTS_PER_PAGE)
        results_page = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "results_page": results_page,
            "search_query_string": urlencode({"q": query}),
        },
    )


@require_GET
def vision_settings(request):
    """Switch the visually-impaired version or one of its settings, then go back.

    A plain link does it (no JavaScript, no form), so it is a GET that only sets a cookie.
    """
    preferences = VisionPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))
    preferences = preferences.changed(request.GET)
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        COOKIE_NAME,
        preferences.to_cookie(),
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@require_GET
def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain")


def framework_ceiling(request):
    """The least a Django view can do, behind all the middleware: the benchmark's ceiling."""
    return HttpResponse("ok", content_type="text/plain")
