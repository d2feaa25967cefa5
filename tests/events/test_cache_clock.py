"""A cached Афиша never lists a date that has ended: the page cache keeps no page past the
next end of an event's date (events.models.EventOccurrenceQuerySet.next_edge)."""

import datetime

import pytest

from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from wagtail.models import Site

from cms.models import SiteSettings
from events.models import EventOccurrence

from .helpers import make_event, make_event_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def longest_lifetime():
    cache = caches["pages"]
    keys = [key for key in cache._cache if "pagecache:" in key and "window-edge" not in key]
    return max(cache._expire_info[key] for key in keys) - timezone.now().timestamp()


def test_a_cached_afisha_expires_when_a_date_on_it_ends(home):
    index = make_event_index(home)
    start = timezone.now() - datetime.timedelta(minutes=30)
    make_event(
        index,
        title="Идёт сейчас",
        sessions=[(start, timezone.now() + datetime.timedelta(seconds=90))],
    )

    # Made on a site's first page view otherwise, which would keep that view out of the cache.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    response = Client().get(index.url)

    assert "Идёт сейчас" in response.content.decode()
    assert 0 < longest_lifetime() <= 90


def test_the_next_edge_is_the_next_end_of_a_visible_date_or_midnight(home):
    index = make_event_index(home)
    now = timezone.now()
    soon = now + datetime.timedelta(minutes=5)
    make_event(index, title="Черновик", sessions=[(soon, None)], live=False)

    midnight = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate(now) + datetime.timedelta(days=1), datetime.time.min
        )
    )
    assert EventOccurrence.objects.next_edge(now) == midnight  # a draft's date does not count

    make_event(index, title="Скоро", sessions=[(soon, None)])
    assert EventOccurrence.objects.next_edge(now) == min(soon, midnight)
