"""API v2 endpoints for the home page's snippets and the public site settings."""

from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from django.core.exceptions import ValidationError
from django.urls import path

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .models import PromoBlock, SiteSettings, Slide
from .renditions import image_data
from .serializers import TagNamesField


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


class TagsPrefetchMixin:
    """Tags listed from one prefetch query instead of one query per item."""

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return super().get_field_serializer_overrides(model) | {"tags": TagNamesField()}


class ImagesEndpoint(TagsPrefetchMixin, ImagesAPIViewSet):
    filter_backends = with_fields_filter(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class DocumentsEndpoint(TagsPrefetchMixin, DocumentsAPIViewSet):
    filter_backends = with_fields_filter(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class SlidesEndpoint(BaseAPIViewSet):
    """Live slides inside their date window, in the editors' order."""

    filter_backends = SNIPPET_FILTERS
    model = Slide
    body_fields = [*BaseAPIViewSet.body_fields, "title", "subtitle", "image", "url", "button_text"]
    listing_default_fields = body_fields

    def get_queryset(self):
        return Slide.objects.visible()


class PromosEndpoint(BaseAPIViewSet):
    """Live promo blocks inside their date window; `?group=projects|contests`."""

    filter_backends = SNIPPET_FILTERS
    model = PromoBlock
    body_fields = [*BaseAPIViewSet.body_fields, "title", "group", "image", "url"]
    listing_default_fields = body_fields

    def get_queryset(self):
        return PromoBlock.objects.visible()


def public_settings(site_settings, request):
    """What a front end needs of the site settings; nothing internal (policy version)."""
    decide_page = site_settings.decide_page
    return {
        "banner": {
            "enabled": site_settings.banner_enabled,
            "text": site_settings.banner_text,
            "url": site_settings.banner_url,
            "image": image_data(site_settings.banner_image, request),
        },
        "decide_together": {
            "enabled": site_settings.decide_enabled,
            "title": site_settings.decide_title,
            "text": site_settings.decide_text,
            "url": decide_page.get_url(request) if decide_page and decide_page.live else "",
            "pos_widget_id": site_settings.pos_widget_id,
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
        "age_mark": site_settings.age_mark,
        "policy_url": site_settings.policy_url(request),
    }


class SettingsEndpoint(GenericViewSet):
    """The public site settings of the site the request is for."""

    model = SiteSettings
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    def listing_view(self, request):
        return Response(public_settings(SiteSettings.for_request(request), request))

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]
