"""The kernel's models: site-wide settings, and the scheduled cards (slides and promo blocks)
that the home page and the news pages show; what the background worker records; the
webhooks' endpoints and what was sent to them."""

from .cards import LinkedCard, PromoBlock, Slide, next_window_edge
from .settings import SiteSettings
from .webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .worker import ScheduledRun, WorkerHeartbeat

__all__ = [
    "LinkedCard",
    "PromoBlock",
    "ScheduledRun",
    "SiteSettings",
    "Slide",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WorkerHeartbeat",
    "next_window_edge",
]
