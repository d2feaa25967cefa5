"""RSS of the Афиша: each upcoming event once, by its next date."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from wagtail.models import Site

from cms.cachetags import MENU, depends_on

from .cache_rules import AUDIENCES, EVENTS
from .models import EventIndexPage, EventPage
from .upcoming import next_occurrences, when_text


class UpcomingEventsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = f"Афиша — {settings.WAGTAIL_SITE_NAME}"
    description = "Ближайшие события библиотеки"
    language = "ru"
    items_count = 30

    def get_object(self, request, *args, **kwargs):
        self.request = request
        depends_on(request, EVENTS, AUDIENCES, MENU)
        return Site.find_for_request(request)

    def link(self, site):
        index = EventIndexPage.objects.visible()
        if site:
            index = index.descendant_of(site.root_page)
        index = index.first()
        if index:
            return index.get_full_url(self.request)
        return site.root_url + "/" if site else "/"

    def items(self, site):
        events = EventPage.objects.visible()
        if site:
            events = events.descendant_of(site.root_page)
        occurrences = next_occurrences(events).prefetch_related("page__audiences")
        return occurrences[: self.items_count]

    def item_title(self, occurrence):
        return f"{occurrence.page.title} ({occurrence.page.age_mark}+)"

    def item_description(self, occurrence):
        page = occurrence.page
        return f"{when_text(occurrence)}, {page.place}. {page.lead}"

    def item_link(self, occurrence):
        return occurrence.page.get_full_url(self.request)

    # The event's next date: a weekly club comes again as a new item each week.
    item_guid_is_permalink = False

    def item_guid(self, occurrence):
        start = occurrence.start.astimezone(datetime.UTC)
        return f"{occurrence.page.get_full_url(self.request)}#{start:%Y%m%dT%H%M%SZ}"

    def item_pubdate(self, occurrence):
        return occurrence.page.first_published_at

    def item_categories(self, occurrence):
        return [audience.name for audience in occurrence.page.audiences.all()]
