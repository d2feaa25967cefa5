"""API v3 answers for the Афиша what its OpenAPI document says: schemathesis with all its
checks (tests/cms/test_api_v3_conformance.py) on the pages listing, with the Афиша's
filters drawn, and on an event's and the home page's details."""

import datetime

import pytest
import schemathesis
from schemathesis.generation import GenerationMode

from django.core.wsgi import get_wsgi_application
from django.utils import timezone

from events.models import EventCancelledDate
from tests.cms.test_api_v3_conformance import check_operation, enable_all_checks
from tests.conftest import make_image, make_partner, publish

from .helpers import local, make_event, make_event_index

EXAMPLES = 12


@pytest.fixture
def afisha(home):
    event_index = make_event_index(home)
    today = timezone.localdate()
    start = local(today.year, today.month, today.day, 18) + datetime.timedelta(days=1)
    event = make_event(
        event_index, title="Концерт", sessions=[(start, start + datetime.timedelta(hours=2))],
        weekly_until=timezone.localdate(start) + datetime.timedelta(weeks=2), is_free=False,
        price="300 ₽", pushkin_card=True, ticket_url="https://example.org/bilet",
        main_image=make_image("Афиша"), registration="form", seat_limit=30,
    )  # fmt: skip
    event.cancelled_dates = [EventCancelledDate(date=timezone.localdate(start))]
    event.partners = [make_partner("ЦСДБ Минска")]
    publish(event)
    make_event(
        event_index, title="Прошедшее", sessions=[(start - datetime.timedelta(days=9), None)]
    )
    return {"home": home, "event": event}


@pytest.mark.django_db(transaction=True)
def test_the_afisha_in_api_v3_answers_as_its_openapi_document_says(afisha):
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", get_wsgi_application())
    enable_all_checks(schema)
    operations = {
        result.ok().label: result.ok()
        for result in schema.include(method="GET").get_all_operations()
    }
    listing, detail = operations["GET /api/v3/pages/"], operations["GET /api/v3/pages/{page_id}/"]
    failures, sent = [], []

    for query in [
        {"type": "events.EventPage"},
        {"type": "events.EventPage", "archive": "1"},
        {"type": "events.EventPage", "pushkin": "1", "when": "month", "age": "12"},
    ]:
        strategy = listing.as_strategy(GenerationMode.POSITIVE, query=query)
        check_operation(listing, strategy, failures, sent, examples=2)
    for mode in GenerationMode:  # the Афиша's filters drawn among the others
        check_operation(listing, listing.as_strategy(mode), failures, sent, examples=EXAMPLES)
    for page in (afisha["event"], afisha["home"]):
        strategy = detail.as_strategy(path_parameters={"page_id": page.pk})
        check_operation(detail, strategy, failures, sent, examples=2)

    assert failures == []  # ?order='s refusals are excluded as the kernel's test excludes them
    assert ("GET /api/v3/pages/{page_id}/", 200) in sent
    assert ("GET /api/v3/pages/", 200) in sent
