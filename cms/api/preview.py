"""The draft behind a preview token (cms.preview), in the shape of its live counterpart.

v2 `/api/v2/page_preview/?content_type=…&token=…` answers what the model's own endpoint
answers for one item (`/pages/<id>/`, `/slides/<id>/`, `/partners/<id>/` …), so a front end
renders a draft with the code that renders the live page. v3 `/api/v3/page_preview/` does the
same with the v3 schemas. A missing, forged, expired or foreign token is a 4xx in Russian.
Answers are `Cache-Control: private, no-store` and never enter the page cache.
"""

import functools

from ninja import Router
from pydantic import TypeAdapter
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils.cache import patch_cache_control

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.errors import problem_response
from wagtail.models import Page

from cms.models import PreviewSnapshot
from cms.preview import PreviewRefused

from .page_schemas import PageDetailSchema


def private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


class PreviewEndpoint(GenericViewSet):
    """GET /api/v2/page_preview/?content_type=…&token=…: the draft the token opens."""

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]
    model = PreviewSnapshot  # the router looks endpoints up by model: no other one has it

    def listing_view(self, request):
        try:
            draft = PreviewSnapshot.objects.draft_for(
                request.GET.get("content_type", ""), request.GET.get("token", "")
            )
            data = self.serialized(request, draft)
        except PreviewRefused as refusal:
            return private(Response({"message": refusal.message}, status=refusal.status))
        except BadRequestError as error:  # ?fields= the model's endpoint refuses
            return private(Response({"message": str(error)}, status=400))
        return private(Response(data))

    def serialized(self, request, draft):
        """What the model's own endpoint answers for this object as one item."""
        found = request.wagtailapi_router.get_model_endpoint(type(draft))
        if found is None:
            raise PreviewRefused("Для этого типа содержимого в API нет предпросмотра.", 404)
        endpoint = found[1](request=request, action="detail_view", args=(), kwargs={})
        endpoint.format_kwarg = None
        endpoint._cached_object = draft  # its get_object() returns the draft, not a row
        return endpoint.get_serializer(draft).data

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]


@functools.cache
def adapter_for(schema):
    return TypeAdapter(schema)


# {model: v3 schema} of the project's own routers (cms.api.v3.read_router fills it).
V3_PREVIEW_SCHEMAS = {}

preview_router = Router(tags=["preview"])


@preview_router.get(
    "/", response=dict, summary="Draft preview", operation_id="page_preview",
    auth=[AllowAnonymous()],
    description="The draft an admin preview token opens, in the shape of the live item "
    "(a page's detail, a slide, promo block or partner); 422 without the parameters, 403 "
    "for a forged, expired or foreign token, 404 when the draft is gone.",
)  # fmt: skip
def page_preview(request: HttpRequest, content_type: str, token: str):
    try:
        draft = PreviewSnapshot.objects.draft_for(content_type, token)
        if isinstance(draft, Page):
            schema = PageDetailSchema
        elif type(draft) in V3_PREVIEW_SCHEMAS:
            schema = V3_PREVIEW_SCHEMAS[type(draft)]
        else:
            raise PreviewRefused("Для этого типа содержимого в API нет предпросмотра.", 404)
    except PreviewRefused as refusal:
        return private(problem_response(status=refusal.status, detail=refusal.message))
    adapter = adapter_for(schema)  # ninja validates its answers so, from the object
    context = {"request": request, "response_status": 200}
    value = adapter.validate_python(draft, from_attributes=True, context=context)
    data = adapter.dump_python(value, mode="json", by_alias=True)
    return private(JsonResponse(data, json_dumps_params={"ensure_ascii": False}))
