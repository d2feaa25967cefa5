"""Site search over the visible news and text pages."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from wagtail.models import Site

from cms.pages import visible_pages
from news.models import NewsPage

from .models import StandardPage

MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    """Full-text search over live, public news and standard pages of this site."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        site = Site.find_for_request(request)
        # Newest first where the backend does not rank by relevance (SQLite).
        pages = visible_pages().type(NewsPage, StandardPage)
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
