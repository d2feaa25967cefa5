"""Site search: the one search the search page and both APIs' /search/ run.

Pages: visible news, events, text pages and «Сведения об организации» of the request's site,
ten to a page. Partners: the shown partners whose names, city or region match, each with its
page in the directory, beside the pages on every page of results. Russian word forms find each
other on both databases (PostgreSQL's `russian` search config, SQLite's stemmed index); SQLite
lists the newest pages first instead of ranking them (cms/search_backend.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page, Paginator

from wagtail.models import Site
from wagtail.search.backends import get_search_backend

from cms.cachetags import MENU, depends_on, type_tag
from cms.pages import visible_pages
from events.cache_rules import EVENTS
from events.models import EventPage
from news.cache_rules import NEWS
from news.models import NewsPage
from partners.cache_rules import PARTNERS
from partners.models import Partner, PartnerDirectoryPage

from .models import OrganizationInfoPage, OrganizationSectionPage, StandardPage

MAX_QUERY_LENGTH = 200


@dataclass
class SearchResults:
    """What a search found: a page of `pages` (a Paginator page) and all matching partners,
    each with `detail_url`, its page in the directory ("" while the directory is hidden)."""

    query: str
    pages: Page
    partners: list


def searched_tags():
    """What a search's answer is made from: the searched types' pages, the partners and
    their addresses."""
    searched = (StandardPage, OrganizationInfoPage, OrganizationSectionPage)
    return {MENU, NEWS, EVENTS, PARTNERS, *(type_tag(model) for model in searched)}


def search_query(raw):
    return (raw or "").strip()[:MAX_QUERY_LENGTH]


def site_search(request, query, page_number=None):
    """Search the request's site for `query` (already cut by search_query); empty finds nothing."""
    per_page = settings.SEARCH_RESULTS_PER_PAGE
    depends_on(request, *searched_tags())
    if not query:
        return SearchResults(query, Paginator([], per_page).get_page(1), [])
    site = Site.find_for_request(request)
    # Newest first where the backend does not rank by relevance (SQLite).
    pages = (
        visible_pages()
        .type(NewsPage, EventPage, StandardPage, OrganizationInfoPage, OrganizationSectionPage)
        .order_by("-first_published_at")
    )
    if site:
        pages = pages.descendant_of(site.root_page)
    paginator = Paginator(pages.specific().search(query), per_page)
    partners = get_search_backend().search(query, Partner.objects.for_directory())
    partners = PartnerDirectoryPage.with_detail_urls(partners, request)
    return SearchResults(query, paginator.get_page(page_number), partners)
