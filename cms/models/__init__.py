"""The kernel's models: site-wide settings, and the scheduled cards (slides and promo blocks)
that the home page and the news pages show; what the background worker records."""

from .cards import LinkedCard, PromoBlock, Slide, next_window_edge
from .settings import SiteSettings
from .worker import ScheduledRun, WorkerHeartbeat

__all__ = [
    "LinkedCard",
    "PromoBlock",
    "ScheduledRun",
    "SiteSettings",
    "Slide",
    "WorkerHeartbeat",
    "next_window_edge",
]
