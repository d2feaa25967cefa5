"""Site search and robots.txt; page types render themselves."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from home.models import StandardPage
from news.models import NewsPage

MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Full-text search over live, public news and standard pages of this site."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().type(NewsPage, StandardPage)
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
def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain")
