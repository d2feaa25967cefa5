from .feedback import (
    FeedbackCounter,
    FeedbackFormField,
    FeedbackFormPage,
    FeedbackRequest,
    FeedbackStatusChange,
)
from .pages import BasePage, HomePage, StandardPage
from .settings import SiteSettings
from .snippets import PromoBlock, Slide

__all__ = [
    "BasePage",
    "FeedbackCounter",
    "FeedbackFormField",
    "FeedbackFormPage",
    "FeedbackRequest",
    "FeedbackStatusChange",
    "HomePage",
    "PromoBlock",
    "SiteSettings",
    "Slide",
    "StandardPage",
]
