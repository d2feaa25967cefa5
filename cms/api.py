"""The public JSON API: Wagtail API v2 at /api/v2/ and Wagtail 8's API v3 at /api/v3/."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.api import api as api_v3

from cms.api_v3 import comments_router, partners_router, promos_router, slides_router
from home.api import (
    DocumentsEndpoint,
    FeedbackEndpoint,
    ImagesEndpoint,
    PromosEndpoint,
    SettingsEndpoint,
    SlidesEndpoint,
)
from news.api import PagesEndpoint
from news.comments.api import CommentsEndpoint
from partners.api import PartnersEndpoint

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
api_router.register_endpoint("partners", PartnersEndpoint)
api_router.register_endpoint("slides", SlidesEndpoint)
api_router.register_endpoint("promos", PromosEndpoint)
api_router.register_endpoint("settings", SettingsEndpoint)
api_router.register_endpoint("feedback", FeedbackEndpoint)
api_router.register_endpoint("comments", CommentsEndpoint)

api_v3.add_router("/partners/", partners_router)
api_v3.add_router("/slides/", slides_router)
api_v3.add_router("/promos/", promos_router)
api_v3.add_router("/comments/", comments_router)
