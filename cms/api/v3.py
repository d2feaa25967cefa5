"""Wagtail 8's API v3 at /api/v3/ (django-ninja), as the project composes it.

The project owns the NinjaAPI instead of mounting Wagtail's: it takes Wagtail's routers for
pages, schemas, sites, snippets and redirects as they are, and registers its own images and
documents routers, which read only the media that public content uses and take Wagtail's
write operations (token only) unchanged; their items have Wagtail's v3 shape. Domain apps add
their routers on `api_v3` in their AppConfig.ready(). The images and documents inside the
project's own items (slides, promos, partners) have API v2's shape (cms.renditions builds both).

Schema class names are OpenAPI component names, one namespace for Wagtail's and ours:
ours end in Data or Card where Wagtail has a class of the same noun (ImageSchema, SlideSchema).
"""

import datetime
from functools import wraps
from urllib.parse import unquote

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import create_model

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.permissions import get_restricted_collection_ids
from wagtail.api.v3.routers.schema import router as schema_router
from wagtail.api.v3.routers.sites import router as sites_router
from wagtail.api.v3.routers.whoami import router as whoami_router
from wagtail.api.v3.schemas.params import APIFieldFilterSchema, OrderingSchema, SearchSchema
from wagtail.contrib.redirects.api.v3.router import router as redirects_router
from wagtail.coreutils import resolve_model_string
from wagtail.documents.api.v3 import router as wagtail_documents
from wagtail.images.api.v3 import router as wagtail_images
from wagtail.snippets.api.v3.router import actions_router as snippet_actions_router
from wagtail.snippets.api.v3.router import router as snippets_router

from cms.cachetags import depends_on, type_tag
from cms.models import PromoBlock, Slide
from cms.public_media import public_document_ids, public_image_ids
from cms.renditions import image_data
from cms.shapes import ImageDataSchema

from .openapi import LibraryNinjaAPI
from .preview import V3_PREVIEW_SCHEMAS, preview_router
from .problems import refuse_unknown, register_russian_exception_handlers
from .v3_pages import router as pages_router


def docs_switch(view):
    """WAGTAILAPI_DOCS_ENABLED=False hides the OpenAPI document and the docs, as in Wagtail."""

    @wraps(view)
    def gated(request, *args, **kwargs):
        if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
            raise Http404
        return view(request, *args, **kwargs)

    return gated


READ_AUTH = [BearerTokenAuth(), AllowAnonymous()]


class PublicMedia:
    """The images (or documents) that public content uses, as the v3 list and detail read
    them, for anonymous readers and tokens alike; editors see the whole library in the admin."""

    def __init__(self, model, base_fields, public_ids):
        self.model, self.base_fields, self.public_ids = model, base_fields, public_ids

    def queryset(self, request):
        """Wagtail's v2-parity queryset (no restricted collection), limited to public media."""
        return (
            self.model.objects.exclude(collection__in=get_restricted_collection_ids(request))
            .filter(pk__in=self.public_ids())
            .select_related("collection")
            .prefetch_related("tags")
            .order_by("id")
        )

    def listing(self, request, ordering, search, pagination_info):
        """Wagtail's listing: ?field= filters, ?order=, ?search=, over the public media."""
        field_filter = APIFieldFilterSchema.with_exclude_schemas(
            raw_params=request.GET,
            schemas=(OrderingSchema, SearchSchema),
            base_fields=self.base_fields,
        )
        queryset = field_filter.filter_queryset(self.queryset(request))
        queryset = ordering.order_queryset(queryset, pagination_info, base_fields=self.base_fields)
        return search.search_queryset(request, queryset)


def add_wagtail_writes(router, module, noun, detail_schema):
    """Wagtail's own create, update and delete views (token only), as its router declares them."""
    writes = [
        ("POST", "/", "create", {201: detail_schema}),
        ("PATCH", f"/{{{noun}_id}}/", "update", detail_schema),
        ("DELETE", f"/{{{noun}_id}}/", "delete", {204: None}),
    ]
    for method, path, action, response in writes:
        router.add_api_operation(
            path, [method], getattr(module, f"{action}_{noun}"), response=response,
            url_name=f"{action}_{noun}", summary=f"{action.capitalize()} {noun}",
            operation_id=f"{noun}s_{action}", auth=BearerTokenAuth(),
        )  # fmt: skip


public_images = PublicMedia(
    wagtail_images.Image, wagtail_images.BASE_IMAGE_READ_FIELDS, public_image_ids
)
images_router = Router(tags=["images"])


@images_router.get(
    "/", response=list[wagtail_images.ImageDetailSchema], url_name="list_images",
    summary="List images", operation_id="images_list", auth=READ_AUTH,
)  # fmt: skip
@paginate(WagtailLimitOffsetPagination, pass_parameter="pagination_info")
def list_images(
    request: HttpRequest,
    ordering: OrderingSchema = Query(...),  # noqa: B008 - django-ninja's way to declare it
    search: SearchSchema = Query(...),  # noqa: B008
    **kwargs,
):
    return public_images.listing(request, ordering, search, kwargs["pagination_info"])


@images_router.get(
    "/{image_id}/", response=wagtail_images.ImageDetailSchema, url_name="detail_image",
    summary="Image detail", operation_id="images_detail", auth=READ_AUTH,
)  # fmt: skip
def get_image(request: HttpRequest, image_id: int):
    return get_object_or_404(public_images.queryset(request), pk=image_id)


add_wagtail_writes(images_router, wagtail_images, "image", wagtail_images.ImageDetailSchema)

public_documents = PublicMedia(
    wagtail_documents.Document, wagtail_documents.BASE_DOCUMENT_READ_FIELDS, public_document_ids
)
documents_router = Router(tags=["documents"])


@documents_router.get(
    "/", response=list[wagtail_documents.DocumentDetailSchema], url_name="list_documents",
    summary="List documents", operation_id="documents_list", auth=READ_AUTH,
)  # fmt: skip
@paginate(WagtailLimitOffsetPagination, pass_parameter="pagination_info")
def list_documents(
    request: HttpRequest,
    ordering: OrderingSchema = Query(...),  # noqa: B008
    search: SearchSchema = Query(...),  # noqa: B008
    **kwargs,
):
    return public_documents.listing(request, ordering, search, kwargs["pagination_info"])


@documents_router.get(
    "/{document_id}/", response=wagtail_documents.DocumentDetailSchema,
    url_name="detail_document", summary="Document detail", operation_id="documents_detail",
    auth=READ_AUTH,
)  # fmt: skip
def get_document(request: HttpRequest, document_id: int):
    return get_object_or_404(public_documents.queryset(request), pk=document_id)


add_wagtail_writes(
    documents_router, wagtail_documents, "document", wagtail_documents.DocumentDetailSchema
)


class CardSchema(Schema):
    id: int
    title: str
    url: str
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    image: ImageDataSchema

    @staticmethod
    def resolve_image(card, context):
        return image_data(card.image, context["request"], alt=card.alt_text)


class SlideCardSchema(CardSchema):
    subtitle: str
    button_text: str


class PromoCardSchema(CardSchema):
    group: str


def snippet_keys_checked(view):
    """Wagtail's snippet views look up the {pk} of the path as given: one its model's key
    cannot take (`abc` for an integer id) is a 404 here, not a ValueError (a 500)."""

    @wraps(view)
    def checked(request, *args, type, pk, **kwargs):
        try:
            resolve_model_string(type)._meta.pk.to_python(unquote(pk))
        except ValidationError:
            raise Http404 from None
        return view(request, *args, type=type, pk=pk, **kwargs)

    return checked


def check_snippet_keys(*routers):
    for router in routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                if "pk" in operation.signature.path_params_names:
                    operation.view_func = snippet_keys_checked(operation.view_func)


check_snippet_keys(snippets_router, snippet_actions_router)


def read_router(tag, schema, visible, filters=(), searchable=False):
    """GET / (paginated, with exact-match filters, and `?search=` when `searchable`, as v2
    has) and GET /{id}/ over `visible()`; other query parameters answer 400.

    `filters` are field names (string values) or (name, type) pairs."""
    router = Router(tags=[tag])
    V3_PREVIEW_SCHEMAS[visible().model] = schema  # a draft's preview has the item's shape
    made_from = type_tag(visible().model)  # its rule bumps it (cms.invalidation)
    filter_types = dict(item if isinstance(item, tuple) else (item, str) for item in filters)
    # The filters as optional query parameters, so that the OpenAPI document lists them.
    Filters = create_model(
        f"{tag.capitalize()}Filters",
        __base__=Schema,
        **{name: (kind | None, None) for name, kind in filter_types.items()},
    )
    known = {"limit", "offset", *filter_types, *(SearchSchema.model_fields if searchable else ())}

    def filtered(request, filters=None):
        refuse_unknown(request, known)
        depends_on(request, made_from)
        items = visible()
        for name, value in (filters.model_dump() if filters else {}).items():
            if value is not None and value != "":
                items = items.filter(**{name: value})
        return items

    # Ninja takes no query model without fields, and documents what the signature has.
    if searchable:

        def listing(
            request: HttpRequest,
            filters: Filters = Query(...),  # noqa: B008
            search: SearchSchema = Query(...),  # noqa: B008
        ):
            return search.search_queryset(request, filtered(request, filters))
    elif filter_types:

        def listing(request: HttpRequest, filters: Filters = Query(...)):  # noqa: B008
            return filtered(request, filters)
    else:

        def listing(request: HttpRequest):
            return filtered(request)

    router.get("/", response=list[schema], summary=f"List {tag}", operation_id=f"{tag}_list")(
        paginate(WagtailLimitOffsetPagination)(listing)
    )

    @router.get(
        "/{item_id}/", response=schema, summary=f"{tag} detail", operation_id=f"{tag}_detail"
    )
    def detail(request: HttpRequest, item_id: int):
        refuse_unknown(request, ())
        depends_on(request, made_from)
        item = visible().filter(pk=item_id).first()
        if item is None:
            raise Http404
        return item

    return router


api_v3 = LibraryNinjaAPI(
    title="API сайта библиотеки (Wagtail API v3)",
    version="3.0.0",
    description="Wagtail v3 read and write API, with the library's partners, slides, promo "
    "blocks and comments",
    # Wagtail's schemas reverse their detail URLs in this namespace.
    urls_namespace="wagtailapi_v3",
    docs_decorator=docs_switch,
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_russian_exception_handlers(api_v3)
api_v3.add_router("/pages/", pages_router)
api_v3.add_router("/schema/", schema_router)
api_v3.add_router("/sites/", sites_router)
api_v3.add_router("/", whoami_router)
api_v3.add_router("/images/", images_router)
api_v3.add_router("/documents/", documents_router)
api_v3.add_router("/snippets/", snippets_router)
api_v3.add_router("/redirects/", redirects_router)
api_v3.add_router("/page_preview/", preview_router)
api_v3.add_router("/slides/", read_router("slides", SlideCardSchema, Slide.objects.visible))
promos_router = read_router(
    "promos", PromoCardSchema, PromoBlock.objects.visible, filters=("group",)
)
api_v3.add_router("/promos/", promos_router)
