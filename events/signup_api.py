"""/event-signups/ in API v2 and v3: a reader signs up for a date of an event as JSON, through
the page form's own path: SignUpForm's checks and Russian messages, its honeypot and rate
limit, the seat accounting with its waiting list (events.signups) and the same e-mails."""

import datetime
import json
from typing import Literal

from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest
from django.urls import path
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from wagtail.api.v3.errors import PROBLEM_JSON, problem_response

from cms.api.v2 import MessageErrorsMixin
from cms.models import SiteSettings
from cms.ratelimit import client_ip

from .models import EventOccurrence, EventPage
from .serializers import local
from .signup_forms import (
    HONEYPOT,
    RATE_LIMIT_MESSAGE,
    SignUpForm,
    rate_limit_exceeded,
    signup_occurrences,
)
from .signup_views import GONE, signed_up
from .signups import MAX_CHILD_AGE, MAX_SEATS, EventSignUp, SignUpRefused, check_open

MAX_ID = 2**31 - 1  # beyond an integer column: no such row, and no database error either
READER_FIELDS = ("name", "email", "phone", "seats", "child_age", "comment", HONEYPOT)

NOT_AN_OBJECT = "Ожидается JSON-объект с полями записи."
CHECK_FIELDS = "Проверьте поля записи."
NO_DATE = "Укажите дату: occurrence (id даты) или event (id события) и start (начало даты)."
NOT_AN_ID = "Параметр {name} должен быть целым числом: id {what}."
NO_OCCURRENCE = "Нет такой даты у опубликованных событий."
NO_EVENT = "Нет такого опубликованного события."
NO_SUCH_START = "У этого события нет даты с таким началом."
BAD_START = "Начало — дата и время в ISO 8601, например 2026-12-05T15:00:00+07:00."
NOT_TEXT = "Ожидается строка или число."
OLD_POLICY = (
    "Политика обработки персональных данных обновилась (действующая версия — «{current}»): "
    "покажите её читателю и отправьте запись снова."
)
NOTICES = {"confirmed": "Вы записаны", "waiting": "Вы в листе ожидания"}


class Refusal(Exception):
    """Nothing stored: the status and the answer's message, with errors by field."""

    def __init__(self, status, message, errors=None):
        super().__init__(message)
        self.status, self.message, self.errors = status, message, errors or {}


def refused(status, message, field="__all__"):
    return Refusal(status, message, {field: [message]})


def submit_sign_up(request, data):
    """(status, answer) for what a client sent: 201 with the receipt once the sign-up is
    stored; otherwise a 4xx with {"message", "errors"} and nothing stored."""
    try:
        record = store(request, data)
    except Refusal as refusal:
        return refusal.status, {"message": refusal.message, "errors": refusal.errors}
    return 201, receipt(record)


def store(request, data):
    if not isinstance(data, dict):
        raise Refusal(400, NOT_AN_OBJECT)
    occurrence = chosen_occurrence(data)
    try:
        check_open(occurrence)
    except SignUpRefused as refusal:
        raise refused(409, str(refusal), "occurrence") from None
    not_text = {
        name: [NOT_TEXT] for name in READER_FIELDS if isinstance(data.get(name), list | dict)
    }
    if not_text:
        raise Refusal(400, CHECK_FIELDS, not_text)

    page = occurrence.page
    form = SignUpForm(form_data(data, occurrence), page=page, occurrences=signup_occurrences(page))
    form.is_valid()
    current = SiteSettings.for_request(request).policy_version
    if data.get("policy_version") not in (None, "") and str(data["policy_version"]) != current:
        form.add_error("consent", OLD_POLICY.format(current=current))
    if form.errors:
        message = " ".join(form.non_field_errors()) or CHECK_FIELDS
        raise Refusal(400, message, {name: list(errors) for name, errors in form.errors.items()})
    # As on the page: only a sign-up that could be stored counts against the address.
    if rate_limit_exceeded(client_ip(request)):
        raise refused(429, RATE_LIMIT_MESSAGE)
    try:
        return signed_up(request, form)
    except SignUpRefused as refusal:  # filled up, closed meanwhile, or signed up already
        raise refused(409, str(refusal)) from None
    except ObjectDoesNotExist:
        raise refused(404, GONE, "occurrence") from None


def chosen_occurrence(data):
    """The date the client names, of an event any reader may see (EventPage.objects.visible()):
    by `occurrence`, or by `event` and `start`; a Refusal naming the parameter otherwise."""
    events = EventPage.objects.visible()
    if data.get("occurrence") not in (None, ""):
        pk = object_id(data["occurrence"], "occurrence", "даты")
        dates = EventOccurrence.objects.filter(pk=pk, page__in=events.values("pk"))
        occurrence = dates.select_related("page").first() if pk else None
        if occurrence is None:
            raise refused(404, NO_OCCURRENCE, "occurrence")
        return occurrence
    if data.get("event") in (None, ""):
        raise refused(400, NO_DATE, "occurrence")
    pk = object_id(data["event"], "event", "события")
    page = events.filter(pk=pk).first() if pk else None
    if page is None:
        raise refused(404, NO_EVENT, "event")
    occurrence = page.occurrences.filter(start=moment(data.get("start"))).first()
    if occurrence is None:
        raise refused(404, NO_SUCH_START, "start")
    occurrence.page = page
    return occurrence


def object_id(value, name, what):
    """The id in `value` (a number or its digits), None when no row can have it."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise refused(400, NOT_AN_ID.format(name=name, what=what), name)
    return value if 0 < value <= MAX_ID else None


def moment(value):
    """`start` as an aware datetime (a time without an offset is local)."""
    try:
        start = parse_datetime(value) if isinstance(value, str) else None
        if start is not None and timezone.is_naive(start):
            start = timezone.make_aware(start)
        if start is not None:
            return start.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        pass
    raise refused(400, BAD_START, "start")


def form_data(data, occurrence):
    """What the page's form would post: the reader's fields, the date, and the consent box
    ticked only by `true` ("true", "on"): a JSON `"consent": "no"` is no ticked box."""
    values = {name: data[name] for name in READER_FIELDS if data.get(name) is not None}
    values["occurrence"] = occurrence.pk
    consent = data.get("consent")
    if consent is True or consent in ("true", "on", "1"):
        values["consent"] = "on"
    return values


def receipt(record):
    occurrence = record.occurrence
    return {
        "status": record.status,
        "message": NOTICES[record.status],
        "place_in_line": record.place_in_line(),
        "occurrence": {
            "id": occurrence.pk,
            "start": local(occurrence.start),
            "end": local(occurrence.end),
            "all_day": occurrence.all_day,
        },
        "event": {"id": occurrence.page.pk, "title": occurrence.page.title},
        "cancel_url": record.cancel_url(),
        "mail_sent": record.mail_sent,
    }


class EventSignUpsEndpoint(MessageErrorsMixin, GenericViewSet):
    """API v2: POST a reader's sign-up for an event's date."""

    model = EventSignUp
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    authentication_classes = []  # always a guest: no session, so no CSRF and no account
    permission_classes = []

    def create_view(self, request):
        status, answer = submit_sign_up(request._request, request.data)
        return Response(answer, status=status)

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"post": "create_view"}), name="listing")]


class EventSignUpRequest(Schema):
    """A reader's sign-up. Every field is checked by the page's form, which names what is
    wrong in Russian (a 400 problem); only a value of the wrong JSON type is a 422."""

    # The date: `occurrence`, or `event` and `start` (no nulls: these name what is sought).
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [{"required": ["occurrence"]}, {"required": ["event", "start"]}]
        }
    )

    occurrence: int = Field(None, description="The date's id; or `event` and `start`")
    event: int = Field(None, description="The event's id, with `start`")
    start: datetime.datetime = Field(
        None, description="The date's start as the event's `sessions` give it, with `event`"
    )
    name: str | None = Field(None, description="Required, up to 100 characters")
    email: str | None = Field(None, description="An e-mail or a phone is required")
    phone: str | None = None
    seats: int | None = Field(None, description=f"1 to {MAX_SEATS}, 1 by default")
    child_age: int | None = Field(None, description=f"0 to {MAX_CHILD_AGE}")
    comment: str | None = Field(None, description="Up to 500 characters")
    consent: bool | None = Field(None, description="Required: true, the reader agreed")
    policy_version: str | None = Field(
        None, description="The policy version the reader agreed to; refused unless current"
    )
    website: str | None = Field(None, description="Honeypot: leave out")


class SignedUpDate(Schema):
    id: int
    start: datetime.datetime
    end: datetime.datetime | None
    all_day: bool


class SignedUpEvent(Schema):
    id: int
    title: str


class EventSignUpReceipt(Schema):
    status: Literal["confirmed", "waiting"]
    message: str
    place_in_line: int | None = Field(description="On the waiting list: 1 is the next one")
    occurrence: SignedUpDate
    event: SignedUpEvent
    cancel_url: str = Field(description="The reader's own link to cancel: show it to them only")
    mail_sent: bool = Field(description="The confirmation with that link was queued")


def problem(description):
    schema = {"$ref": "#/components/schemas/ProblemDetail"}
    return {"description": description, "content": {PROBLEM_JSON: {"schema": schema}}}


event_signups_router = Router(tags=["events"])


@event_signups_router.post(
    "/", response={201: EventSignUpReceipt},
    summary="Sign a reader up for an event's date", operation_id="event_signups_create",
    description="The event page's sign-up form as JSON: confirmed while seats last, then on "
    "the waiting list if the event keeps one. Refusals are problems whose `errors` name the "
    "field in Russian.",
    openapi_extra={"responses": {
        400: problem("A field is wrong or missing (`errors` name it)"),
        404: problem("No such date of a published event"),
        409: problem("The date takes no sign-ups: full, cancelled, begun, no sign-up through "
                     "the site, or the reader is signed up already"),
        429: problem("Too many sign-ups from this address (EVENT_SIGNUP_RATE_LIMIT)"),
    }},
)  # fmt: skip
def event_signups_create(request: HttpRequest, payload: EventSignUpRequest):
    # The body as sent: the form, not the schema, reads its values (as the v2 endpoint).
    status, answer = submit_sign_up(request, json.loads(request.body))
    if status == 201:
        return Status(201, answer)
    errors = [
        {"loc": [field], "msg": message}
        for field, messages in answer["errors"].items()
        for message in messages
    ]
    return problem_response(status=status, detail=answer["message"], errors=errors)
