"""Narrow invalidation: a change makes stale what shows it, and leaves the other cached pages,
feeds and API answers hits (the rules: news/, partners/, events/ cache_rules.py; the page rule
and the cards' in cms.invalidation)."""

import pytest

from django.test import Client

from wagtail.models import Site

from cms import cachetags
from cms.invalidation import affected_tags, page_tags
from cms.models import SiteSettings
from news.comments import moderation
from news.comments.models import ReaderComment
from news.models import NewsPartner, NewsRubric
from tests.conftest import (
    make_directory,
    make_news,
    make_partner,
    make_promo,
    make_slide,
    make_standard_page,
    publish,
)
from tests.events.helpers import make_event, make_event_index
from tests.news.comments_helpers import approved

pytestmark = pytest.mark.usefixtures("page_cache_on")


class Site_:
    """Every kind of page, feed and API answer, cached once by an anonymous reader."""

    def __init__(self, home, news_index):
        # Made on a site's first page view otherwise, which would make every page stale.
        SiteSettings.for_site(Site.objects.get(is_default_site=True))
        self.home, self.news_index = home, news_index
        self.partner = make_partner("Томская библиотека", logo=False)
        self.slide = make_slide("Слайд")
        self.promo = make_promo("Проект")
        self.article = make_news(news_index, title="Новость о партнёре")
        self.article.news_partners = [NewsPartner(partner=self.partner)]
        publish(self.article)
        self.other = make_news(news_index, title="Другая новость")
        self.directory = make_directory(home)
        self.afisha = make_event_index(home)
        self.event = make_event(self.afisha, title="Мастер-класс")
        self.about = make_standard_page(home)
        self.comment = approved(self.article)
        self.urls = {
            "home": home.url,
            "news index": news_index.url,
            "article": self.article.url,
            "other article": self.other.url,
            "directory": self.directory.url,
            "partner": self.directory.url + self.directory.partner_path(self.partner),
            "afisha": self.afisha.url,
            "calendar": self.afisha.url + "kalendar/",
            "event": self.event.url,
            "about": self.about.url,
            "news rss": "/rss/",
            "afisha rss": "/rss/afisha/",
            "afisha ics": "/afisha.ics",
            "event ics": f"/afisha/{self.event.pk}.ics",
            "sitemap": "/sitemap.xml",
            "api news": "/api/v2/pages/?type=news.NewsPage&fields=*",
            "api article": f"/api/v2/pages/{self.article.pk}/",
            "api other article": f"/api/v2/pages/{self.other.pk}/",
            "api v3 news": "/api/v3/pages/?type=news.NewsPage",
            "api v3 article": f"/api/v3/pages/{self.article.pk}/",
            "api v3 other article": f"/api/v3/pages/{self.other.pk}/",
            "api events": "/api/v2/pages/?type=events.EventPage&fields=*",
            "api event": f"/api/v2/pages/{self.event.pk}/",
            "api partners": "/api/v2/partners/",
            "api v3 partners": "/api/v3/partners/",
            "api slides": "/api/v2/slides/",
            "api promos": "/api/v2/promos/",
            "search": "/search/?q=новость",
        }

    def cache_all(self):
        for name, url in self.urls.items():
            response = Client().get(url)
            assert response.status_code == 200, name
            assert Client().get(url)["X-Page-Cache"] == "hit", name

    def misses(self):
        """The names of the URLs the next anonymous reader gets fresh (and caches again)."""
        return {
            name for name, url in self.urls.items() if Client().get(url)["X-Page-Cache"] == "miss"
        }


@pytest.fixture
def site(home, news_index):
    site = Site_(home, news_index)
    site.cache_all()
    return site


def test_publishing_a_news_item_leaves_unrelated_pages_cached(site):
    make_news(site.news_index, title="Свежая новость")
    assert site.misses() == {
        "home",
        "news index",
        "news rss",
        "sitemap",
        "api news",
        "api v3 news",
        "search",
    }


def test_editing_a_news_item_makes_its_page_and_its_partners_page_stale(site):
    site.article.title = "Новость о партнёре, исправленная"
    site.article.save_revision().publish()
    assert site.misses() == {
        "home",
        "news index",
        "article",
        "partner",
        "news rss",
        "sitemap",
        "api news",
        "api v3 news",
        "api article",
        "api v3 article",
        "search",
    }


def test_approving_a_comment_makes_only_its_page_and_its_api_answers_stale(site):
    comment = ReaderComment.objects.get(pk=site.comment.pk)
    stale = {"article", "api article", "api v3 article", "api news", "api v3 news"}
    moderation.remove([comment])
    assert site.misses() == stale  # the listings show comment counts
    moderation.approve([ReaderComment.objects.get(pk=comment.pk)])
    assert site.misses() == stale


def test_a_partner_change_makes_the_directory_and_the_pages_showing_it_stale(site):
    site.partner.city = "Северск"
    site.partner.save_revision().publish()
    assert site.misses() == {
        "home",  # its carousel shows the featured partners: it declares all of them
        "directory",
        "partner",
        "article",
        "api article",
        "api v3 article",
        "api news",
        "api v3 news",
        "api events",
        "api partners",
        "api v3 partners",
        "sitemap",
        "search",
    }


def test_a_slide_or_promo_change_makes_the_pages_showing_them_stale(site):
    site.slide.title = "Новый слайд"
    site.slide.save_revision().publish()
    assert site.misses() == {"home", "api slides"}

    site.promo.title = "Новый проект"
    site.promo.save_revision().publish()
    # The API's details declare what their pages are made from, the promo blocks beside them too.
    api_details = {"api article", "api other article", "api v3 article", "api v3 other article"}
    assert site.misses() == {"home", "article", "other article", "api promos", *api_details}


def test_an_event_change_makes_the_afisha_and_its_page_stale(site):
    site.event.lead = "Новый анонс"
    site.event.save_revision().publish()
    assert site.misses() == {
        "home",
        "afisha",
        "calendar",
        "event",
        "afisha rss",
        "afisha ics",
        "event ics",
        "api events",
        "api event",
        "sitemap",
        "search",
    }


def test_a_rubric_rename_makes_the_news_lists_stale(site):
    NewsRubric.objects.create(name="Конкурсы")
    assert site.misses() >= {"home", "news index", "article", "other article", "api news"}
    assert not site.misses() & {"afisha", "event", "directory", "about"}


def test_a_site_setting_makes_everything_stale(site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "+7 (3842) 00-00-00"
    settings.save()
    assert site.misses() == set(site.urls)


def test_a_menu_page_renamed_makes_every_page_stale_but_a_body_edit_only_its_own(site):
    site.about.lead = "Новый вводный абзац"
    site.about.save_revision().publish()
    assert site.misses() == {"about", "sitemap", "search"}

    site.about.title = "О нас"
    site.about.save_revision().publish()
    assert site.misses() >= {"home", "article", "event", "partner", "afisha", "about"}


def test_a_news_item_never_touches_the_menu_a_top_level_page_does(site):
    news = make_news(site.news_index, title="Ещё одна новость", live=False)
    assert cachetags.MENU not in affected_tags(type(news), news)
    assert cachetags.MENU in page_tags(site.news_index)  # no stored state: as if new
    site.news_index.refresh_from_db()
    assert cachetags.EVERYTHING not in affected_tags(type(site.news_index), site.news_index)


def test_saving_a_draft_changes_nothing_readers_see(site):
    site.about.title, site.about.slug = "Черновик", "chernovik"
    site.about.save_revision()
    site.partner.city = "Северск"
    site.partner.save_revision()
    assert site.misses() == set()


def test_an_image_size_filled_in_by_a_first_view_changes_nothing(site):
    site.slide.image.save(update_fields=["file_size"])
    assert site.misses() == set()
