from .pages import BasePage, HomePage, StandardPage
from .settings import SiteSettings
from .snippets import PromoBlock, Slide

__all__ = ["BasePage", "HomePage", "PromoBlock", "SiteSettings", "Slide", "StandardPage"]
