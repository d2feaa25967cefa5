"""API v2 endpoints for the home page's snippets and the public site settings."""

from rest_framework.exceptions import NotFound, ParseError
from rest_framework.parsers import JSONParser
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

from .models import FeedbackFormPage, PromoBlock, SiteSettings, Slide
from .public_media import public_document_ids, public_image_ids
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
    """Images that live public pages, shown snippets or the site settings use; not the
    whole library, where a draft's pictures (titled like the draft) would leak."""

    filter_backends = with_fields_filter(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_image_ids()).prefetch_related("tags")


class DocumentsEndpoint(TagsPrefetchMixin, DocumentsAPIViewSet):
    """Documents that live public pages or shown partners use."""

    filter_backends = with_fields_filter(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_document_ids()).prefetch_related("tags")


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


class MessageErrorsMixin:
    """DRF says {"detail": …} (bad JSON, wrong content type); the rest of the API {"message": …}."""

    def handle_exception(self, exc):
        if isinstance(exc, ParseError):  # DRF's own text is English and not translatable
            exc = ParseError("Тело запроса — не JSON: проверьте кавычки, запятые и скобки.")
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and "detail" in response.data:
            response.data = {"message": str(response.data["detail"])}
        return response


class FeedbackEndpoint(MessageErrorsMixin, GenericViewSet):
    """«Решаем вместе» over JSON: GET describes a form page's fields, POST sends a request.

    POST goes through FeedbackFormPage.submit, the HTML form's own path: the same
    validation, consent record, rate limit, double-submit guard and numbering.
    """

    model = FeedbackFormPage
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    authentication_classes = []  # anonymous readers; no session, so no CSRF either
    permission_classes = []

    def get_page(self, request, page_id):
        page = FeedbackFormPage.objects.live().public().filter(pk=page_id).first()
        if page is None:
            raise NotFound("Форма обратной связи не найдена.")
        return page

    def form_view(self, request, page_id):
        page = self.get_page(request, page_id)
        form = page.get_form(page=page, user=request.user)
        return Response(
            {
                "id": page.pk,
                "title": page.title,
                "consent_url": page.consent_page.get_full_url(request) if page.consent_page else "",
                "fields": [
                    {
                        "name": name,
                        "label": str(field.label),
                        "type": type(field).__name__,
                        "required": field.required,
                        "help_text": str(field.help_text),
                        "choices": [value for value, _ in getattr(field, "choices", [])],
                    }
                    for name, field in form.fields.items()
                    if name not in ("website",)
                ],
            }
        )

    def submit_view(self, request, page_id):
        page = self.get_page(request, page_id)
        if not isinstance(request.data, dict):
            return Response({"message": "Ожидается JSON-объект с полями формы."}, status=400)
        feedback_request, form, status = page.submit(request._request, request.data)
        if feedback_request is None:
            errors = {field or "__all__": messages for field, messages in form.errors.items()}
            message = " ".join(form.non_field_errors()) or "Проверьте поля формы."
            return Response({"message": message, "errors": errors}, status=status)
        return Response(
            {"number": feedback_request.number, "status": feedback_request.status},
            status=status,
        )

    @classmethod
    def get_urlpatterns(cls):
        return [
            path(
                "<int:page_id>/",
                cls.as_view({"get": "form_view", "post": "submit_view"}),
                name="detail",
            )
        ]
