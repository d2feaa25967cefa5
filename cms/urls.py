"""The site's addresses. The domain apps' own (search, RSS, comment files) are included by
module name: the kernel imports no domain app."""

import re

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_static_file

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import health, routing, views
from cms.api import api_v2, api_v3
from cms.sitemaps import VisiblePagesSitemap, sitemap_view

api_urls = [
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
]

urlpatterns = [
    # Always on (the API switch leaves them alone), never cached: README, Health checks.
    path("healthz/", health.healthz, name="healthz"),
    path("readyz/", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("vision/", views.vision_settings, name="vision_settings"),
    path("sitemap.xml", sitemap_view, {"sitemaps": {"pages": VisiblePagesSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("", include("readers.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("home.urls")),
    path("", include("news.urls")),
    path("", include("events.urls")),
]

if settings.SERVE_MEDIA:
    # django.conf.urls.static.static() serves nothing unless DEBUG; SERVE_MEDIA means it.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{re.escape(media_prefix)}(?P<path>.*)$",
            serve_static_file,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

if settings.CMS_API_ENABLED:
    urlpatterns = api_urls + urlpatterns

urlpatterns += [
    # Wagtail's URLs (its password and login forms under _util/), then its page serving,
    # routed from memory where it can be (cms.routing), under Wagtail's own pattern and name.
    *[url for url in wagtail_urls.urlpatterns if url.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

handler400 = "cms.errors.bad_request"
handler500 = "cms.errors.server_error"
