"""The home page's blocks in the order its template shows them, with the headings it shows:
what the page renders and what the API's `sections` field gives, from one place."""

from cms.addressing import absolute_url
from cms.cachetags import type_tag
from cms.models import PromoBlock, SiteSettings, Slide
from cms.renditions import image_data
from cms.serializers import api_detail_url, card_data, decide_together_data
from events.cache_rules import AUDIENCES, EVENTS
from events.models import EventIndexPage, EventPage
from events.serializers import local
from events.upcoming import next_occurrences
from news.cache_rules import NEWS, RUBRICS
from news.models import NewsIndexPage, NewsPage
from partners.cache_rules import PARTNERS
from partners.models import Partner, PartnerDirectoryPage

# The headings of the home page's blocks; templates/home/home_page.html reads them too.
HEADINGS = {
    "slides": "",
    "news": "Новости",
    "events": "Ближайшие события",
    "partners": "Наши партнеры",
}

# What the blocks are made from (cms.cachetags); the indexes' addresses are in the MENU.
CONTENT_TAGS = frozenset(
    {type_tag(Slide), type_tag(PromoBlock), NEWS, RUBRICS, EVENTS, AUDIENCES, PARTNERS}
)


def latest_news(home):
    return NewsPage.objects.descendant_of(home).for_listing()[: home.news_count]


def news_index(home):
    return NewsIndexPage.objects.child_of(home).visible().first()


def events_index(home):
    """The Афиша, while readers see it and the home page shows its block."""
    if not home.events_count:
        return None
    return EventIndexPage.objects.child_of(home).visible().first()


def upcoming_events(home):
    """The next date of each of the `events_count` soonest events (a club's next meeting
    once, not each week), with its page; none while the block is hidden."""
    if not home.events_count:
        return []
    events = EventPage.objects.descendant_of(home).visible()
    return list(next_occurrences(events)[: home.events_count])


def featured_partners(request):
    return PartnerDirectoryPage.with_detail_urls(Partner.objects.featured(), request)


def home_sections(home, request):
    """[{kind, heading, …}] in the page's order; docs/api.md, «The home page»."""
    sections = [
        {
            "kind": "slides",
            "heading": HEADINGS["slides"],
            "items": [
                card_data(slide, request, subtitle=slide.subtitle, button_text=slide.button_text)
                for slide in Slide.objects.visible()
            ],
        },  # fmt: skip
        news_section(home, request),
    ]
    index = events_index(home)
    if index:
        sections.append(events_section(home, index, request))
    site_settings = SiteSettings.for_request(request)
    if site_settings.decide_enabled:
        sections.append({"kind": "decide_together", **decide_together_data(site_settings, request)})
    for promo_group in PromoBlock.visible_groups():
        sections.append(
            {
                "kind": "promos",
                "group": promo_group.group,
                "heading": promo_group.heading,
                "items": [
                    card_data(promo, request, group=promo.group) for promo in promo_group.promos
                ],
            }
        )
    sections.append(
        {
            "kind": "partners",
            "heading": HEADINGS["partners"],
            "items": [
                {
                    "id": partner.pk,
                    "short_name": partner.short_name,
                    "full_name": partner.full_name,
                    "html_url": absolute_url(request, partner.detail_url),
                    "website": partner.website,
                    "logo": image_data(partner.logo, request),
                }
                for partner in featured_partners(request)
            ],
        }
    )
    return sections


def news_section(home, request):
    index = news_index(home)
    return {
        "kind": "news",
        "heading": HEADINGS["news"],
        "items": [
            {
                "id": news.pk,
                "title": news.title,
                "date": news.date,
                "lead": news.lead,
                "html_url": absolute_url(request, news.get_url(request)),
                "detail_url": api_detail_url(request, "pages", news.pk),
                "main_image": image_data(news.main_image, request, alt=news.main_image_alt_text),
            }
            for news in latest_news(home)
        ],
        "all_url": absolute_url(request, index.get_url(request)) if index else None,
    }


def events_section(home, index, request):
    return {
        "kind": "events",
        "heading": HEADINGS["events"],
        "items": [
            {
                "id": occurrence.page_id,
                "title": occurrence.page.title,
                "html_url": absolute_url(request, occurrence.page.get_url(request)),
                "detail_url": api_detail_url(request, "pages", occurrence.page_id),
                "start": local(occurrence.start),
                "end": local(occurrence.end),
                "all_day": occurrence.all_day,
                "place": occurrence.page.place,
                "age_mark": occurrence.page.age_mark_label,
                "is_free": occurrence.page.is_free,
                "pushkin_card": occurrence.page.pushkin_card,
            }
            for occurrence in upcoming_events(home)
        ],
        "all_url": absolute_url(request, index.get_url(request)),
    }
