"""Turning a change into deliveries: the payload, the subscribed endpoints, the queue."""

import json
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from cms.addressing import base_url
from cms.models.webhooks import WebhookDelivery, WebhookEndpoint

from .delivery import deliver_webhook

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WatchedSnippet:
    """A snippet model whose changes are events: where the API shows one, and the rule for
    which rows readers see (its queryset's own method; a hidden one is never described)."""

    visible: object  # () -> queryset of the rows readers see
    api_paths: dict = field(default_factory=dict)  # {"v2": "/api/v2/…/{id}/", "v3": …}


WATCHED_SNIPPETS = {}


def watch_snippets(model, *, visible, api_paths):
    """Send snippet.* events for `model` (publish, unpublish, save, delete)."""
    WATCHED_SNIPPETS[model] = WatchedSnippet(visible, api_paths)


def watched_snippet(model):
    for watched_model, watched in WATCHED_SNIPPETS.items():
        if issubclass(model, watched_model):
            return watched
    return None


def absolute(path):
    """The worker has no request to take a host from: WAGTAILAPI_BASE_URL, else the default
    site's root URL (the site's real address in production, as the sitemap uses it)."""
    site = Site.objects.filter(is_default_site=True).first()
    return (base_url() or (site.root_url if site else "")) + path


def subject(type_label, pk, *, title=None, api_paths=None, html_url=None):
    """What changed, as the payload's "object": type and id always; the title and the page's
    address only for content readers may see (the caller decides, by the visibility rule)."""
    data = {"type": type_label, "id": pk}
    if title is not None:
        data["title"] = title
    urls = {version: absolute(path.format(id=pk)) for version, path in (api_paths or {}).items()}
    if urls:
        data["api_urls"] = urls
    if html_url:
        data["html_url"] = html_url
    return data


def emit(event, what, endpoints=None):
    """Queue `event` about `what` (a `subject(...)` dict) for every active endpoint that
    subscribed to it (or for `endpoints`), once the current transaction commits: a rolled-back
    save sends nothing, and the save never waits for the queue, let alone a receiver."""
    occurred_at = timezone.localtime().isoformat()
    transaction.on_commit(
        lambda: queue_deliveries(event, what, occurred_at, endpoints), robust=True
    )


def ahead_of_other_work(task):
    """The task before renditions and index updates where the queue orders by priority (the
    database queue; Redis's has none): a receiver waits for a delivery, nobody for those."""
    return task.using(priority=10) if task.get_backend().supports_priority else task


def queue_deliveries(event, what, occurred_at, endpoints=None):
    """One delivery per endpoint, each with its own id, and a task to send it."""
    if endpoints is None:
        endpoints = [
            endpoint
            for endpoint in WebhookEndpoint.objects.filter(is_active=True)
            if endpoint.wants(event)
        ]
    for endpoint in endpoints:
        try:
            with transaction.atomic():
                delivery = WebhookDelivery(endpoint=endpoint, event=event)
                delivery.body = json.dumps(
                    {
                        "delivery_id": str(delivery.id),
                        "event": event,
                        "occurred_at": occurred_at,
                        "object": what,
                    },
                    ensure_ascii=False,
                )
                delivery.save()
                ahead_of_other_work(deliver_webhook).enqueue(str(delivery.id))
        except Exception:
            logger.exception("Webhook %s for %s not queued", event, endpoint.url)
