import re

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_static_file

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.api import api_router, api_v3
from home import views as home_views
from news.feeds import LatestNewsFeed

api_urls = [
    path("api/v2/", api_router.urls),
    path("api/v3/", api_v3.urls),
]

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path("vision/", home_views.vision_settings, name="vision_settings"),
    path("rss/", LatestNewsFeed(), name="news_feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("comments/", include("news.comments.urls")),
    path("accounts/", include("allauth.urls")),
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

if settings.CMS_BENCH_CEILING:
    urlpatterns += [path("bench/ceiling/", home_views.framework_ceiling, name="bench_ceiling")]

if settings.CMS_API_ENABLED:
    urlpatterns = api_urls + urlpatterns

urlpatterns += [path("", include(wagtail_urls))]
