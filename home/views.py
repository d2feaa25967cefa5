"""The site search page (home.search runs the search)."""

from urllib.parse import urlencode

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from .search import search_query, site_search


@require_GET
def search(request):
    """Full-text search over live, public news and text pages of this site, and partners."""
    query = search_query(request.GET.get("q"))
    results = site_search(request, query, request.GET.get("page"))
    pages = results.pages
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": query,
            "results_page": pages,
            "page_range": pages.paginator.get_elided_page_range(pages.number),
            "partners": results.partners,
            "search_query_string": urlencode({"q": query}),
        },
    )
