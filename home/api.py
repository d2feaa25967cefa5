"""The site search over the API: /api/v2/search/ and /api/v3/search/, what /search/ shows.

Both run home.search.site_search, the search page's own search: the same pages, partners,
order and pages of ten.
"""

import datetime

from ninja import Field, Query, Router, Schema
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from django.http import HttpRequest
from django.urls import path

from wagtail.api.v3.errors import problem_response

from cms.addressing import absolute_url
from cms.api.v2 import MessageErrorsMixin
from cms.api.v3 import ImageDataSchema
from cms.renditions import image_data
from cms.serializers import api_detail_url

from .search import MAX_QUERY_LENGTH, SearchResults, search_query, site_search

SEARCH_PARAMETERS = {"q", "page"}


def page_url(request, number):
    """This answer's address with another `page`."""
    query = request.GET.copy()
    query["page"] = number
    return absolute_url(request, f"{request.path}?{query.urlencode()}")


def unknown_parameters_message(request):
    unknown = sorted(set(request.GET) - SEARCH_PARAMETERS)
    if unknown:
        return f"Неизвестные параметры: {', '.join(unknown)}. Поиск принимает q и page."
    return None


def search_answer(request, results):
    """The search page as JSON; detail URLs in the API version the request is using."""
    pages = results.pages
    return {
        "query": results.query,
        "pages": [
            {
                "id": page.pk,
                "type": page._meta.label,
                "title": page.title,
                "html_url": absolute_url(request, page.get_url(request)),
                "detail_url": api_detail_url(request, "pages", page.pk),
                "date": getattr(page, "date", None),
                "lead": getattr(page, "lead", ""),
                "search_description": page.search_description,
            }
            for page in pages
        ],
        "partners": [
            {
                "id": partner.pk,
                "short_name": partner.short_name,
                "full_name": partner.full_name,
                "city": partner.city,
                "html_url": absolute_url(request, partner.detail_url or ""),
                "detail_url": api_detail_url(request, "partners", partner.pk),
                "logo": image_data(partner.logo, request),
            }
            for partner in results.partners
        ],
        "pagination": pagination(request, pages),
    }


def pagination(request, pages):
    """As the search page's: pages of SEARCH_RESULTS_PER_PAGE, links to the next and previous."""
    return {
        "count": pages.paginator.count,
        "page": pages.number,
        "num_pages": pages.paginator.num_pages,
        "per_page": pages.paginator.per_page,
        "next": page_url(request, pages.next_page_number()) if pages.has_next() else None,
        "previous": page_url(request, pages.previous_page_number())
        if pages.has_previous()
        else None,
    }


class SearchEndpoint(MessageErrorsMixin, GenericViewSet):
    """`?q=` (and `?page=`): the pages and partners the site search finds."""

    # The router looks endpoints up by model (for items' detail URLs); none is a search result.
    model = SearchResults
    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []

    def listing_view(self, request):
        if message := unknown_parameters_message(request):
            return Response({"message": message}, status=400)
        page = request.GET.get("page", "1")
        if not page.isdigit() or int(page) < 1:
            return Response({"message": "Параметр page — номер страницы: 1, 2, 3…"}, status=400)
        results = site_search(request, search_query(request.GET.get("q")), int(page))
        return Response(search_answer(request, results))

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]


class SearchPageSchema(Schema):
    id: int
    type: str
    title: str
    html_url: str
    detail_url: str
    date: datetime.date | None
    lead: str
    search_description: str


class SearchPartnerSchema(Schema):
    id: int
    short_name: str
    full_name: str
    city: str
    html_url: str
    detail_url: str
    logo: ImageDataSchema | None


class SearchPaginationSchema(Schema):
    count: int
    page: int
    num_pages: int
    per_page: int
    next: str | None
    previous: str | None


class SearchResultsSchema(Schema):
    query: str
    pages: list[SearchPageSchema]
    partners: list[SearchPartnerSchema]
    pagination: SearchPaginationSchema


class SearchParameters(Schema):
    q: str = Field("", description=f"Что ищем; длиннее {MAX_QUERY_LENGTH} знаков обрезается")
    page: int = Field(1, ge=1, le=1_000_000, description="Страница результатов, по 10")


search_router = Router(tags=["search"])


@search_router.get(
    "/", response=SearchResultsSchema, summary="Site search", operation_id="search",
    description="The pages and partners /search/ finds: news and text pages by page, "
    "all matching partners on every page.",
)  # fmt: skip
def search(request: HttpRequest, parameters: SearchParameters = Query(...)):  # noqa: B008
    if message := unknown_parameters_message(request):
        return problem_response(status=400, detail=message)
    results = site_search(request, search_query(parameters.q), parameters.page)
    return search_answer(request, results)
