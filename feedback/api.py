"""«Решаем вместе» for other services: /api/v2/feedback/<page id>/ and /api/v3/feedback/.

GET describes a form page (feedback.description); POST sends a request through
FeedbackFormPage.submit, the HTML form's own path: the same validation, consent record, rate
limit, double-submit guard and numbering.
"""

import json
from typing import Literal

from ninja import Router, Schema, Status
from pydantic import ConfigDict
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils.cache import add_never_cache_headers

from wagtail.api.v3.errors import PROBLEM_JSON, problem_response

from cms.api.v2 import MessageErrorsMixin

from .description import WIDGETS, form_description
from .models import FeedbackFormPage

NOT_FOUND = "Форма обратной связи не найдена."
NOT_AN_OBJECT = "Ожидается JSON-объект с полями формы."


def form_page(page_id):
    """The form page a reader may open, or None."""
    return FeedbackFormPage.objects.visible().filter(pk=page_id).first()


def unshared(response):
    """The description carries a one-time token: no cache may hand it to another client."""
    add_never_cache_headers(response)
    return response


def submit(page, request, data):
    """(status, answer) for a submission: {"number", "status"} or {"message", "errors"}."""
    if not isinstance(data, dict):
        return 400, {"message": NOT_AN_OBJECT, "errors": {}}
    feedback_request, form, status = page.submit(request, data)
    if feedback_request is None:
        errors = {field or "__all__": messages for field, messages in form.errors.items()}
        message = " ".join(form.non_field_errors()) or "Проверьте поля формы."
        return status, {"message": message, "errors": errors}
    return status, {"number": feedback_request.number, "status": feedback_request.status}


class FeedbackEndpoint(MessageErrorsMixin, GenericViewSet):
    """«Решаем вместе» over JSON: GET describes a form page's fields, POST sends a request."""

    model = FeedbackFormPage
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    authentication_classes = []  # anonymous readers; no session, so no CSRF either
    permission_classes = []

    def get_page(self, page_id):
        page = form_page(page_id)
        if page is None:
            raise NotFound(NOT_FOUND)
        return page

    def form_view(self, request, page_id):
        return unshared(Response(form_description(self.get_page(page_id), request)))

    def submit_view(self, request, page_id):
        status, answer = submit(self.get_page(page_id), request._request, request.data)
        return Response(answer, status=status)

    @classmethod
    def get_urlpatterns(cls):
        return [
            path(
                "<int:page_id>/",
                cls.as_view({"get": "form_view", "post": "submit_view"}),
                name="detail",
            )
        ]


class FormChoiceSchema(Schema):
    value: str
    label: str


class FormFieldSchema(Schema):
    name: str
    widget: Literal[tuple(WIDGETS)]
    required: bool
    label: str | None = None
    help_text: str | None = None
    max_length: int | None = None
    choices: list[FormChoiceSchema] | None = None
    initial: bool | str | list[str] | None = None
    value: str | None = None


class ConsentTextSchema(Schema):
    id: int
    title: str
    lead: str
    body_html: str
    html_url: str


class RateLimitSchema(Schema):
    requests: int
    window_seconds: int


class AntiSpamSchema(Schema):
    honeypot: str
    token: str
    rate_limit: RateLimitSchema


class FeedbackFormSchema(Schema):
    id: int
    title: str
    intro: str
    thank_you_text: str
    fields: list[FormFieldSchema]
    consent: ConsentTextSchema | None = None
    consent_url: str
    consent_version: str
    anti_spam: AntiSpamSchema


class FeedbackSubmissionSchema(Schema):
    """The form's fields by name (feedback_form's `fields`); consent and token always."""

    model_config = ConfigDict(extra="allow")

    consent: bool | str | None = None
    token: str | None = None
    website: str | None = None


class FeedbackReceiptSchema(Schema):
    number: str
    status: str


feedback_router = Router(tags=["feedback"])
RATE_LIMITED = {
    "description": "Too many requests from this address (FEEDBACK_RATE_LIMIT)",
    "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}},
}


def visible_form_page(page_id):
    page = form_page(page_id)
    if page is None:
        raise Http404(NOT_FOUND)
    return page


@feedback_router.get(
    "/{page_id}/", response=FeedbackFormSchema, exclude_none=True,
    summary="Feedback form description", operation_id="feedback_form",
)  # fmt: skip
def feedback_form(request: HttpRequest, page_id: int, response: HttpResponse):
    unshared(response)
    return form_description(visible_form_page(page_id), request)


@feedback_router.post(
    "/{page_id}/", response={200: FeedbackReceiptSchema, 201: FeedbackReceiptSchema},
    summary="Send a feedback request", operation_id="feedback_submit",
    description="200: the same token was sent before, the first request's number. 400: a "
    "field is wrong (`errors` name it). 429: too many requests from this address.",
    openapi_extra={"responses": {429: RATE_LIMITED}},
)  # fmt: skip
def feedback_submit(request: HttpRequest, page_id: int, payload: FeedbackSubmissionSchema):
    page = visible_form_page(page_id)
    # The body as sent: fields the schema does not name are the form's own.
    status, answer = submit(page, request, json.loads(request.body))
    if "number" in answer:
        return Status(status, answer)
    errors = [
        {"loc": [field], "msg": message}
        for field, messages in answer["errors"].items()
        for message in messages
    ]
    return problem_response(status=status, detail=answer["message"], errors=errors)
