"""RSS of the latest live, public news."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from wagtail.models import Site

from cms.cachetags import MENU, depends_on

from .cache_rules import NEWS, RUBRICS
from .models import NewsPage


class LatestNewsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = f"Новости — {settings.WAGTAIL_SITE_NAME}"
    description = "Последние новости библиотеки"
    language = "ru"
    items_count = 20

    def get_object(self, request, *args, **kwargs):
        self.request = request
        depends_on(request, NEWS, RUBRICS, MENU)
        return Site.find_for_request(request)

    def link(self, site):
        return site.root_url + "/" if site else "/"

    def items(self, site):
        news = NewsPage.objects.for_listing()
        if site:
            news = news.descendant_of(site.root_page)
        return news[: self.items_count]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [item.rubric.name] if item.rubric else []
