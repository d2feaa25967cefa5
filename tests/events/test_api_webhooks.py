"""Webhooks tell other services about events as about any page: page.published with the
type events.EventPage and API addresses that answer with the event's dates."""

import pytest

from cms.models import WebhookEndpoint
from tests.task_queue import run_queued_tasks
from tests.webhook_receiver import WebhookReceiver

from .helpers import make_event, make_event_index

pytestmark = pytest.mark.django_db

BASE_URL = "https://kemrsl.example"


@pytest.fixture(autouse=True)
def api_base_url(settings):
    settings.WAGTAILAPI_BASE_URL = BASE_URL
    settings.TASK_RETRY_DELAYS = [0, 0, 0]
    settings.WEBHOOK_TIMEOUT_SECONDS = 2


def test_publishing_an_event_sends_page_published_with_its_type(
    task_queue, django_capture_on_commit_callbacks, home, client
):
    event_index = make_event_index(home)
    with WebhookReceiver() as receiver:
        WebhookEndpoint.objects.create(
            name="Городской портал", url=receiver.url, secret="секрет-1234",
            events=["page.published"],
        )  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            event = make_event(event_index, title="Мастер-класс")
        run_queued_tasks()

    [post] = receiver.received
    assert post.signed_with("секрет-1234")
    assert post.payload["event"] == "page.published"
    assert post.payload["object"] == {
        "type": "events.EventPage",
        "id": event.pk,
        "title": "Мастер-класс",
        "api_urls": {
            "v2": f"{BASE_URL}/api/v2/pages/{event.pk}/",
            "v3": f"{BASE_URL}/api/v3/pages/{event.pk}/",
        },
        "html_url": f"{BASE_URL}{event.url}",
    }
    for url in post.payload["object"]["api_urls"].values():
        data = client.get(url.removeprefix(BASE_URL)).json()
        assert data["title"] == "Мастер-класс" and len(data["sessions"]) == 1
