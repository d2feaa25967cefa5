"""API v3's pages router: Wagtail's views, with the project's listing and find.

The listing takes each page type's own filters as v2 does (`?type=news.NewsPage&tag=…`,
one rule: the page model's `api_listing`), refuses query parameters it does not know
instead of ignoring them, and, with find/, gives absolute URLs from the request's host.
Detail, create, update, delete and revisions are Wagtail's own views; their page schemas
are the project's (cms.api.page_schemas).
"""

from functools import wraps
from typing import Literal, cast

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import create_model

from django.db.models import Model
from django.http import HttpRequest

from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.querysets import get_pages_queryset
from wagtail.api.v3.routers import pages as wagtail_pages
from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
from wagtail.api.v3.schemas.params import APIFieldFilterSchema, OrderingSchema, SearchSchema
from wagtail.api.v3.schemas.revisions import RevisionSchema
from wagtail.models import Page

from cms.addressing import absolute_url
from cms.cachetags import depends_on
from cms.pages import declare_tags, listing_tags

from .page_schemas import LibraryBasePageSchema, PageDetailSchema, PageRevisionDetailSchema
from .problems import refuse_unknown
from .v2 import page_type_filters

READ_AUTH = [BearerTokenAuth(), AllowAnonymous()]
PAGINATION_PARAMETERS = {"limit", "offset"}

# Each page type's own filters, as optional query parameters the OpenAPI document lists.
PageTypeFilters = create_model(
    "PageTypeFilters",
    __base__=Schema,
    **dict.fromkeys(page_type_filters(), (str | None, None)),
)


def with_page_type_filters(request, queryset):
    """The filters of `?type=`'s page type (400 for another type's), as v2 applies them."""
    model = queryset.model
    for name, owner in page_type_filters().items():
        if name in request.GET and owner is not model:
            raise HttpError(400, f"Фильтр {name} работает только с type={owner._meta.label}.")
    if hasattr(model, "api_listing"):
        queryset = model.api_listing(queryset, request.GET)
    return queryset


router = Router(tags=["pages"])


@router.get(
    "/", response=list[LibraryBasePageSchema], url_name="list_pages", summary="List pages",
    operation_id="pages_list", auth=READ_AUTH,
)  # fmt: skip
@paginate(WagtailLimitOffsetPagination, pass_parameter="pagination_info")
def list_pages(
    request: HttpRequest,
    filters: wagtail_pages.PageFilterSchema = Query(...),  # noqa: B008 - ninja's way
    type_filters: PageTypeFilters = Query(...),  # noqa: B008
    ordering: OrderingSchema = Query(...),  # noqa: B008
    search: SearchSchema = Query(...),  # noqa: B008
    **kwargs,
):
    """Wagtail's listing (its filters, field filters, ordering and search) with the page
    types' own filters; unknown parameters answer 400."""
    pagination_info = kwargs["pagination_info"]
    models = cast(list[type[Model]], filters.type)
    model = models[0] if len(models) == 1 else Page
    field_filter = APIFieldFilterSchema.with_exclude_schemas(
        raw_params=request.GET,
        schemas=(wagtail_pages.PageFilterSchema, PageTypeFilters, OrderingSchema, SearchSchema),
        base_fields=BASE_PAGE_READ_FIELDS,
    )
    queryset = get_pages_queryset(request, model)
    depends_on(request, *listing_tags(model))
    refuse_unknown(
        request,
        {
            *field_filter.ignore_fields,
            *PAGINATION_PARAMETERS,
            *field_filter.get_validated_fields(queryset),
        },
    )
    queryset = with_page_type_filters(request, queryset)
    queryset = filters.filter(queryset, request)
    queryset = field_filter.filter_queryset(queryset)
    queryset = ordering.order_queryset(queryset, pagination_info, base_fields=BASE_PAGE_READ_FIELDS)
    return search.search_queryset(request, queryset)


@router.get(
    "/find/", response=PageDetailSchema, url_name="find_page",
    summary="Find page", operation_id="pages_find", auth=READ_AUTH,
)  # fmt: skip
def find_page(
    request: HttpRequest,
    id: int | None = None,
    html_path: str | None = None,
    site: str | None = None,
    version: Literal["live", "draft"] | None = Query("live"),  # noqa: B008
):
    """Wagtail's find/, redirecting to an absolute detail URL."""
    response = wagtail_pages.find_page(
        request, id=id, html_path=html_path, site=site, version=version
    )
    response["Location"] = absolute_url(request, response["Location"])
    return response


@wraps(wagtail_pages.get_page)
def get_page(request, page_id, **kwargs):
    """Wagtail's detail, made from what the page itself is made from (its cache_tags)."""
    page = wagtail_pages.get_page(request, page_id, **kwargs)
    declare_tags(page, request)
    return page


# Wagtail's own views, as its router declares them.
for path, method, view, response, auth, url_name, summary, operation_id in [
    ("/{page_id}/", "GET", get_page, PageDetailSchema,
     READ_AUTH, "detail_page", "Page detail", "pages_detail"),
    ("/", "POST", wagtail_pages.create_page, {201: PageDetailSchema},
     BearerTokenAuth(), "create_page", "Create page", "pages_create"),
    ("/{page_id}/", "PATCH", wagtail_pages.update_page, PageDetailSchema,
     BearerTokenAuth(), "update_page", "Update page", "pages_update"),
    ("/{page_id}/", "DELETE", wagtail_pages.delete, {204: None},
     BearerTokenAuth(), "delete_page", "Delete page", "pages_delete"),
    ("/{page_id}/revisions/", "GET", wagtail_pages.list_page_revisions,
     list[RevisionSchema], BearerTokenAuth(), "list_page_revisions",
     "List page revisions", "pages_revisions_list"),
    ("/{page_id}/revisions/{revision_id}/", "GET", wagtail_pages.get_page_revision,
     PageRevisionDetailSchema, BearerTokenAuth(), "detail_page_revision",
     "Page revision detail", "pages_revisions_detail"),
]:  # fmt: skip
    router.add_api_operation(
        path, [method], view, response=response, auth=auth, url_name=url_name,
        summary=summary, operation_id=operation_id,
    )  # fmt: skip
