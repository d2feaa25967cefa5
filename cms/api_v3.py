"""Read endpoints of our snippets on Wagtail 8's API v3 (django-ninja), next to its pages.

Images and documents have the same shape as in API v2 (home.renditions builds both).
Wagtail's own /images/ and /documents/ routers are narrowed to what public content uses.
"""

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from django.http import Http404, HttpRequest

from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.documents.api.v3 import router as wagtail_documents_router
from wagtail.images.api.v3 import router as wagtail_images_router

from home.models import PromoBlock, Slide
from home.public_media import public_document_ids, public_image_ids
from home.renditions import document_data, image_data
from news.comments.api import readable_page, shown_news_comment
from news.comments.serializers import ThreadsData, comment_data
from partners.models import Partner


def only_public(get_queryset, public_ids):
    """Wagtail's queryset function of a v3 router, limited to the ids `public_ids()` gives
    (with the collection its schema reads, in the same query)."""

    def get_public_queryset(request):
        return get_queryset(request).filter(pk__in=public_ids()).select_related("collection")

    return get_public_queryset


# Wagtail's list and detail views (anonymous or with a token) look these functions up in
# their module at each request; its create, update and delete views do not use them.
wagtail_images_router.get_images_queryset = only_public(
    wagtail_images_router.get_images_queryset, public_image_ids
)
wagtail_documents_router.get_documents_queryset = only_public(
    wagtail_documents_router.get_documents_queryset, public_document_ids
)


class RenditionSchema(Schema):
    url: str
    width: int
    height: int


class ImageSchema(Schema):
    id: int
    title: str
    alt: str
    width: int
    height: int
    renditions: dict[str, RenditionSchema]


class DocumentSchema(Schema):
    id: int
    title: str
    url: str
    extension: str


class PartnerSchema(Schema):
    id: int
    full_name: str
    short_name: str
    slug: str
    kind: str
    city: str
    region: str
    country: str
    website: str
    description: str
    address: str
    latitude: float | None
    longitude: float | None
    agreement_date: datetime.date | None
    agreement_number: str
    cooperation_areas: list[str]
    featured: bool
    logo: ImageSchema | None
    agreement_document: DocumentSchema | None

    @staticmethod
    def resolve_cooperation_areas(partner):
        return partner.cooperation_area_list

    @staticmethod
    def resolve_logo(partner, context):
        return image_data(partner.logo, context["request"])

    @staticmethod
    def resolve_agreement_document(partner, context):
        return document_data(partner.agreement_document, context)


class CardSchema(Schema):
    id: int
    title: str
    url: str
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    image: ImageSchema

    @staticmethod
    def resolve_image(card, context):
        return image_data(card.image, context["request"], alt=card.alt_text)


class SlideSchema(CardSchema):
    subtitle: str
    button_text: str


class PromoSchema(CardSchema):
    group: str


def read_router(tag, schema, visible, filters=()):
    """GET / (paginated, with exact-match filters) and GET /{id}/ over `visible()`."""
    router = Router(tags=[tag])

    @router.get("/", response=list[schema], summary=f"List {tag}", operation_id=f"{tag}_list")
    @paginate(WagtailLimitOffsetPagination)
    def listing(request: HttpRequest):
        items = visible()
        for name in filters:
            if request.GET.get(name):
                items = items.filter(**{name: request.GET[name]})
        return items

    @router.get(
        "/{item_id}/", response=schema, summary=f"{tag} detail", operation_id=f"{tag}_detail"
    )
    def detail(request: HttpRequest, item_id: int):
        item = visible().filter(pk=item_id).first()
        if item is None:
            raise Http404
        return item

    return router


partners_router = read_router(
    "partners", PartnerSchema, Partner.objects.for_directory, filters=("country", "kind")
)
slides_router = read_router("slides", SlideSchema, Slide.objects.visible)
promos_router = read_router("promos", PromoSchema, PromoBlock.objects.visible, filters=("group",))


class CommentAttachmentSchema(Schema):
    id: int
    kind: str
    url: str
    content_type: str
    size: int
    width: int | None
    height: int | None
    name: str
    thumbnail_url: str | None


class CommentPlaceSchema(Schema):
    name: str
    latitude: float | None
    longitude: float | None
    map_url: str


class CommentSchema(Schema):
    """The same item as API v2's /comments/ (news.comments.serializers builds both)."""

    id: int
    page_id: int
    parent_id: int | None
    level: int
    author: str
    date: datetime.datetime
    text_html: str
    html_url: str
    place: CommentPlaceSchema | None
    attachments: list[CommentAttachmentSchema]
    replies: list["CommentSchema"]


comments_router = Router(tags=["comments"])


@comments_router.get(
    "/",
    response=list[CommentSchema],
    summary="Public comments of a news page, by thread (replies nested)",
    operation_id="comments_list",
)
@paginate(WagtailLimitOffsetPagination)
def comments_list(request: HttpRequest, page: int):
    """`page` is the news page's id; limit and offset count threads."""
    return ThreadsData(readable_page(page), request)


@comments_router.get(
    "/{item_id}/", response=CommentSchema, summary="comments detail", operation_id="comments_detail"
)
def comments_detail(request: HttpRequest, item_id: int):
    comment, page = shown_news_comment(item_id)
    return comment_data(comment, page.get_full_url(request), request)
