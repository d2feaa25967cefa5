"""/api/v2/feedback/<page id>/: «Решаем вместе» for other services."""

from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from django.urls import path

from cms.api.v2 import MessageErrorsMixin

from .models import FeedbackFormPage


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
        page = FeedbackFormPage.objects.visible().filter(pk=page_id).first()
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
