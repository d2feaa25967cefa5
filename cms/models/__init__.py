"""The kernel's models: site-wide settings, and the scheduled cards (slides and promo blocks)
that the home page and the news pages show; what the background worker records; the
drafts the admin's Preview hands to an external front end; webhooks' endpoints and what was
sent to them."""

from .cards import LinkedCard, PromoBlock, Slide, next_window_edge
from .preview import HeadlessPreviewMixin, PreviewSnapshot
from .settings import DecidePlacement, SiteSettings
from .webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .worker import ScheduledRun, WorkerHeartbeat

__all__ = [
    "DecidePlacement",
    "HeadlessPreviewMixin",
    "LinkedCard",
    "PreviewSnapshot",
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
