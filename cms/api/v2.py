"""Wagtail API v2 at /api/v2/: the router, the kernel's endpoints and what endpoints share.

Domain apps register their own endpoints on `api_v2` in their AppConfig.ready().
"""

from copy import copy
from urllib.parse import urlsplit

from rest_framework.exceptions import ParseError
from rest_framework.fields import Field, SkipField
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import NoReverseMatch, path

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    BaseSerializer,
    PageAliasOfField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction, get_page_models

from cms.addressing import absolute_url
from cms.cachetags import EVERYTHING, depends_on, type_tag
from cms.models import PromoBlock, SiteSettings, Slide
from cms.pages import declare_tags, listing_tags, visible_pages
from cms.public_media import public_document_ids, public_image_ids
from cms.renditions import image_data
from cms.serializers import TagNamesField

from .item_cache import cached_items, cached_listing, caches_items
from .preview import PreviewEndpoint


class SafeFieldsFilter(FieldsFilter):
    """Wagtail's ?field=value filters, answering 400 (not 500) to values like ?date=abc."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


def with_fields_filter(backends, fields_filter=SafeFieldsFilter):
    """Wagtail's filter backends with its FieldsFilter swapped for ours."""
    return [fields_filter if backend is FieldsFilter else backend for backend in backends]


# Field filters (?group=…), ?order= and ?search=, as Wagtail's own endpoints have.
SNIPPET_FILTERS = [SafeFieldsFilter, OrderingFilter, SearchFilter]


class DetailUrlField(Field):
    """meta.detail_url, absolute from the request's host (cms.addressing)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        router, request = self.context["router"], self.context["request"]
        path = router.get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField  # the object has no endpoint
        return absolute_url(request, path)

    def to_representation(self, url):
        return url


class HtmlUrlField(Field):
    """meta.html_url: the page on the site, absolute from the request's host."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        request = self.context.get("request")
        try:
            return absolute_url(request, page.get_url(request))
        except NoReverseMatch:
            return None


class ItemSerializer(BaseSerializer):
    detail_url = DetailUrlField()


class LibraryImageSerializer(ImageSerializer):
    detail_url = DetailUrlField()


class LibraryDocumentSerializer(DocumentSerializer):
    detail_url = DetailUrlField()


class ParentPageField(PageParentField):
    """meta.parent, its URLs absolute from the request's host like the page's own."""

    def to_representation(self, value):
        return page_reference_serializer(value, self.context)


class AliasOfField(PageAliasOfField):
    def to_representation(self, value):
        return page_reference_serializer(value, self.context)


class LibraryPageSerializer(PageSerializer):
    detail_url = DetailUrlField()
    html_url = HtmlUrlField()
    parent = ParentPageField(read_only=True)
    alias_of = AliasOfField(read_only=True)


def page_reference_serializer(page, context):
    """A page as Wagtail's v2 nests it (id, title, meta type and URLs), with our URLs."""
    serializer_class = get_serializer_class(
        page.__class__,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=LibraryPageSerializer,
    )
    return serializer_class(context=context).to_representation(page)


class AbsoluteAddressesMixin:
    """Detail URLs and the find/ redirect absolute from the request's host, or from
    WAGTAILAPI_BASE_URL (Wagtail's own take the configured Site's host)."""

    def find_view(self, request):
        response = super().find_view(request)
        location = urlsplit(response["Location"])
        return redirect(absolute_url(request, location.path) + f"?{location.query}")


class ModelTagMixin:
    """Answers made from the endpoint's model alone: its rule bumps its type (cms.cachetags)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        depends_on(request, type_tag(self.model))


class TagsPrefetchMixin:
    """Tags listed from one prefetch query instead of one query per item."""

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return super().get_field_serializer_overrides(model) | {"tags": TagNamesField()}


class MessageErrorsMixin:
    """DRF says {"detail": …} (bad JSON, wrong content type); the rest of the API {"message": …}."""

    def handle_exception(self, exc):
        if isinstance(exc, ParseError):  # DRF's own text is English and not translatable
            exc = ParseError("Тело запроса — не JSON: проверьте кавычки, запятые и скобки.")
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = {"message": str(response.data["detail"])}
        return response


def page_type_filters():
    """{query parameter: page model} for the filters page types add to /pages/.

    A page model lists them in `api_filters` and applies them, with whatever its fields
    need prefetched, in its classmethod `api_listing(queryset, query)`.
    """
    return {
        name: model for model in get_page_models() for name in getattr(model, "api_filters", ())
    }


class FieldsFilterExceptPageTypeFilters(SafeFieldsFilter):
    """Wagtail's ?field=value filters, leaving the page types' own filters to them
    (news' ?rubric= is a slug, not the rubric field's id)."""

    def filter_queryset(self, request, queryset, view):
        request = copy(request)
        request.GET = request.GET.copy()
        for name in page_type_filters():
            request.GET.pop(name, None)
        return super().filter_queryset(request, queryset, view)


class WindowFirstPagination(WagtailPagination):
    """Wagtail's limit and offset, the window's rows chosen by their ids first: the columns,
    joins and per-row subqueries (a news item's comment count) are then worked out for the
    rows shown, not for every row a deep offset skips."""

    def paginate_queryset(self, queryset, request, view=None):
        window = super().paginate_queryset(queryset, request, view)
        if not isinstance(window, QuerySet):  # search results
            return window
        return queryset.filter(pk__in=window.values("pk"))


class PagesEndpoint(AbsoluteAddressesMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, with each page type's own filters (`?type=` chooses one)."""

    base_serializer_class = LibraryPageSerializer
    pagination_class = WindowFirstPagination

    filter_backends = with_fields_filter(
        PagesAPIViewSet.filter_backends, FieldsFilterExceptPageTypeFilters
    )

    @property
    def known_query_parameters(self):
        return PagesAPIViewSet.known_query_parameters | set(page_type_filters())

    def get_base_queryset(self):
        """For a reader no view restriction lets in, the site's visible pages (cms.pages,
        the restricted sections read once per change to them); Wagtail's own reads
        the restrictions in a query each time, to let in who passed a password, signed in
        or is in a group."""
        if may_pass_view_restrictions(self.request):
            return super().get_base_queryset()
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request)
        except ValueError as error:  # as Wagtail's: an unknown ?site=
            raise BadRequestError(str(error)) from error
        if site.site_obj is None:
            return Page.objects.none()
        return visible_pages().descendant_of(site.site_obj.root_page, inclusive=True)

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model
        for name, owner in page_type_filters().items():
            if name in self.request.GET and owner is not model:
                raise BadRequestError(f"filter {name} needs type={owner._meta.label}")
        if hasattr(model, "api_listing"):
            queryset = model.api_listing(queryset, self.request.GET)
        return queryset

    def listing_view(self, request):
        model = self.listed_model()
        if self.keeps_window(model):
            # A kept window was stored once this very query had passed every check (the
            # type, the parameters, the filters, the limit) under the same content: a repeat
            # needs none of them, nor the queryset they are made on.
            depends_on(request, *listing_tags(model))
            total_count, items = cached_listing(
                request, model, self.count_and_window, self.rows_with_ids, self.serialize
            )
            self.paginator.total_count = total_count  # as paginate_queryset() would have
            return self.get_paginated_response(items)
        queryset = self.listed_queryset()
        page = self.paginate_queryset(queryset)
        if caches_items(page):
            items = cached_items(page, request, self.serialize)
        else:
            items = self.serialize(page)
        return self.get_paginated_response(items)

    def listed_model(self):
        """The page type `?type=` names, as get_queryset() lists it: one model's rows, else
        wagtailcore.Page rows (no type, several types, or a wrong one, which it answers)."""
        names = self.request.GET.get("type")
        try:
            models = page_models_from_string(names) if names else ()
        except (LookupError, ValueError):
            return Page
        return models[0] if len(models) == 1 else Page

    def keeps_window(self, model):
        """Whether the listing's count and window's ids are kept (cms.api.item_cache): items
        kept, rows in the same order at each request (not ?order=random, nor a search's
        relevance), and a reader who sees what anonymous readers see."""
        query = self.request.GET
        return (
            getattr(model, "api_items_cached", False)
            and "search" not in query
            and "random" not in query.get("order", "").split(",")
            and not may_pass_view_restrictions(self.request)
        )

    def listed_queryset(self):
        """The listing's rows, filtered and ordered (lazy: no query but the filters' own)."""
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        depends_on(self.request, *listing_tags(queryset.model))
        return self.filter_queryset(queryset)

    def count_and_window(self):
        """The listing's total count and the rows of its window (?limit=, ?offset=)."""
        rows = self.paginate_queryset(self.listed_queryset())
        return self.paginator.total_count, rows

    def rows_with_ids(self, ids):
        """The listing's rows with these ids, with all its prefetches, in no order."""
        return list(self.listed_queryset().filter(pk__in=ids))

    def serialize(self, pages):
        return self.get_serializer(pages, many=True).data

    def get_object(self):
        page = super().get_object()
        declare_tags(page, self.request)  # the detail shows no more than the page
        return page


def may_pass_view_restrictions(request):
    """Whether the request is from someone a password, sign-in or group restriction may
    admit (PageViewRestriction.accept_request)."""
    passed = request.session.get(PageViewRestriction.passed_view_restrictions_session_key)
    return request.user.is_authenticated or bool(passed)


class ImagesEndpoint(AbsoluteAddressesMixin, TagsPrefetchMixin, ImagesAPIViewSet):
    """Images that visible pages, shown snippets or the site settings use; not the whole
    library, where a draft's pictures (titled like the draft) would leak."""

    base_serializer_class = LibraryImageSerializer
    filter_backends = with_fields_filter(ImagesAPIViewSet.filter_backends)
    # The description is the alt text pages fall back to; import_content restores it.
    body_fields = [*ImagesAPIViewSet.body_fields, "description"]

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_image_ids()).prefetch_related("tags")


class DocumentsEndpoint(AbsoluteAddressesMixin, TagsPrefetchMixin, DocumentsAPIViewSet):
    """Documents that visible pages or shown snippets use."""

    base_serializer_class = LibraryDocumentSerializer
    filter_backends = with_fields_filter(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_document_ids()).prefetch_related("tags")


class SlidesEndpoint(ModelTagMixin, AbsoluteAddressesMixin, BaseAPIViewSet):
    """Live slides inside their date window, in the editors' order."""

    base_serializer_class = ItemSerializer
    filter_backends = SNIPPET_FILTERS
    model = Slide
    body_fields = [*BaseAPIViewSet.body_fields, "title", "subtitle", "image", "url", "button_text"]
    listing_default_fields = body_fields

    def get_queryset(self):
        return Slide.objects.visible()


class PromosEndpoint(ModelTagMixin, AbsoluteAddressesMixin, BaseAPIViewSet):
    """Live promo blocks inside their date window; `?group=projects|contests`."""

    base_serializer_class = ItemSerializer
    filter_backends = SNIPPET_FILTERS
    model = PromoBlock
    body_fields = [*BaseAPIViewSet.body_fields, "title", "group", "image", "url"]
    listing_default_fields = body_fields

    def get_queryset(self):
        return PromoBlock.objects.visible()


def public_settings(site_settings, request):
    """What a front end needs of the site settings; nothing internal (policy version)."""
    return {
        "banner": {
            "enabled": site_settings.banner_enabled,
            "text": site_settings.banner_text,
            "url": absolute_url(request, site_settings.banner_href(request)),
            "destination": site_settings.banner_destination,
            "external_url": site_settings.banner_url,
            "image": image_data(site_settings.banner_image, request),
        },
        "decide_together": {
            "enabled": site_settings.decide_enabled,
            "title": site_settings.decide_title,
            "text": site_settings.decide_text,
            "url": site_settings.decide_url(request),
            "pos_widget_id": site_settings.pos_widget_id,
            "news_placement": site_settings.decide_placement_on_news or None,
        },
        "contacts": {
            "address": site_settings.address,
            "phone": site_settings.phone,
            "email": site_settings.email,
            "opening_hours": site_settings.opening_hours,
        },
        "social": {
            "vk": site_settings.vk_url,
            "telegram": site_settings.telegram_url,
            "ok": site_settings.ok_url,
        },
        "quality_assessment": {
            "url": site_settings.nok_url,
            "survey_url": site_settings.survey_url,
            "survey_qr": image_data(site_settings.survey_qr, request),
        },
        "founder": {"name": site_settings.founder_name, "url": site_settings.founder_url},
        "age_mark": site_settings.age_mark,
        "policy_url": site_settings.policy_url(request),
    }


class SettingsEndpoint(GenericViewSet):
    """The public site settings of the site the request is for."""

    model = SiteSettings
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    def listing_view(self, request):
        depends_on(request, EVERYTHING)  # settings bump it, and the policy page's address
        return Response(public_settings(SiteSettings.for_request(request), request))

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]


api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", PagesEndpoint)
api_v2.register_endpoint("images", ImagesEndpoint)
api_v2.register_endpoint("documents", DocumentsEndpoint)
api_v2.register_endpoint("slides", SlidesEndpoint)
api_v2.register_endpoint("promos", PromosEndpoint)
api_v2.register_endpoint("settings", SettingsEndpoint)
api_v2.register_endpoint("page_preview", PreviewEndpoint)
