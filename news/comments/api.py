"""/comments/ in the API: the shown threads of a news page (v2 and v3), and a guest's comment
posted as JSON (or multipart, with files) through the page form's own path (v2)."""

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, QueryDict
from django.urls import path

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination

from cms.api.v2 import MessageErrorsMixin
from news.models import NewsPage

from .forms import ReaderCommentForm
from .models import ReaderComment
from .posting import submit_comment
from .serializers import ThreadsData, comment_data
from .threads import MAX_ID, shown_comment

# Only these: a JSON `"consent": "no"` must not count as a ticked box.
CONSENT_GIVEN = (True, "true", "on", "1")


def public_news_page(page_id):
    """The news page any reader may see, or None."""
    if not 0 < int(page_id) <= MAX_ID:
        return None
    return NewsPage.objects.visible().filter(pk=page_id).first()


def page_id_or_error(value):
    """The `page` parameter as an id; a BadRequestError naming it when it is missing or bad."""
    if value in (None, ""):
        raise BadRequestError("Параметр page обязателен: id новости.")
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise BadRequestError("Параметр page должен быть целым числом: id новости.")


def readable_page(value):
    if not settings.COMMENTS_ENABLED:
        raise Http404("Комментарии на сайте выключены.")
    page = public_news_page(page_id_or_error(value))
    if page is None:
        raise Http404("Параметр page: нет такой опубликованной новости.")
    return page


def shown_news_comment(pk):
    """(comment with its replies, its page) for a comment the page shows; else Http404."""
    comment = shown_comment(pk) if settings.COMMENTS_ENABLED else None
    news_type = ContentType.objects.get_for_model(NewsPage)
    is_on_news = comment is not None and comment.content_type_id == news_type.pk
    page = public_news_page(comment.object_pk) if is_on_news else None
    if page is None:
        raise Http404("Нет такого опубликованного комментария.")
    return comment, page


def comment_form_data(request, page):
    """What the client sent, plus the security fields the page's form carries (the endpoint
    signs them itself: a client has no form to copy them from)."""
    if isinstance(request.data, QueryDict):
        data = request.POST.copy()  # multipart: the fields without the files
    else:
        data = dict(request.data)
    for name, value in ReaderCommentForm(page).generate_security_data().items():
        data[name] = value
    if data.get("consent") not in CONSENT_GIVEN:
        data.pop("consent", None)
    if data.get("reply_to") in (None, ""):
        data["reply_to"] = 0
    return data


def refusal(message, status, field="page"):
    return Response({"message": message, "errors": {field: [message]}}, status=status)


class CommentsEndpoint(MessageErrorsMixin, BaseAPIViewSet):
    """GET: the public comments of `?page=<news id>` by thread; POST: a guest's comment."""

    model = ReaderComment
    parser_classes = [JSONParser, MultiPartParser]
    authentication_classes = []  # always a guest: no session, so no CSRF and no account
    permission_classes = []
    known_query_parameters = frozenset(["page", "limit", "offset", "format", "_"])

    def check_query_parameters(self, queryset=None):
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                "query parameter is not an operation or a recognised field: "
                + ", ".join(sorted(unknown))
            )

    def listing_view(self, request):
        self.check_query_parameters()
        page = readable_page(request.GET.get("page"))
        items = self.paginate_queryset(ThreadsData(page, request))
        return self.get_paginated_response(items)

    def detail_view(self, request, pk):
        self.check_query_parameters()
        comment, page = shown_news_comment(pk)
        return Response(comment_data(comment, page.get_full_url(request), request))

    def post_view(self, request):
        if not isinstance(request.data, dict):
            return Response({"message": "Ожидается JSON-объект с полями комментария."}, status=400)
        try:
            page = public_news_page(page_id_or_error(request.data.get("page")))
        except BadRequestError as error:
            return refusal(str(error), 400)
        if page is None:
            return refusal("Нет такой опубликованной новости.", 404)
        if not page.comments_open():
            return refusal("Комментарии к этой новости закрыты.", 403)

        form = ReaderCommentForm(page, data=comment_form_data(request, page), files=request.FILES)
        submission = submit_comment(request._request, form)
        if submission.comment is None:
            errors = {field: list(messages) for field, messages in form.errors.items()}
            message = " ".join(form.non_field_errors()) or "Проверьте поля комментария."
            return Response({"message": message, "errors": errors}, status=submission.status)
        comment = submission.comment
        return Response(
            {
                "status": "published" if comment.is_approved else "pending",
                "message": submission.notice,
                "id": comment.pk if comment.is_approved else None,
            },
            status=submission.status,
        )

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view", "post": "post_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]


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
    is_official: bool
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
    summary="Shown comments of a news page, by thread (replies nested)",
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
