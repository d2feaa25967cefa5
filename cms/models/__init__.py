"""The kernel's models: site-wide settings, and the scheduled cards (slides and promo blocks)
that the home page and the news pages show."""

from .cards import LinkedCard, PromoBlock, Slide, next_window_edge
from .settings import SiteSettings

__all__ = ["LinkedCard", "PromoBlock", "SiteSettings", "Slide", "next_window_edge"]
