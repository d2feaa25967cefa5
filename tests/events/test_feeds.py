"""The Афиша's RSS (each upcoming event once, by its next date) and the sitemap's events."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from django.urls import reverse
from django.utils import timezone

from events.models import EventCancelledDate
from tests.conftest import publish, restrict

from .helpers import local, make_event, make_event_index
from .test_api import with_audiences

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def in_days(days, hour=15):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


@pytest.fixture
def programme(home):
    event_index = with_audiences(make_event_index(home))
    club = make_event(
        event_index, title="Клуб", sessions=[(in_days(1), None)],
        weekly_until=timezone.localdate(in_days(1)) + datetime.timedelta(weeks=4),
    )  # fmt: skip
    club.cancelled_dates = [EventCancelledDate(date=timezone.localdate(in_days(1)))]
    publish(club)
    make_event(event_index, title="Спектакль", sessions=[(in_days(3), None)], age_mark=12)
    make_event(event_index, title="Прошедшее", sessions=[(in_days(-2), None)])
    make_event(event_index, title="Черновик", sessions=[(in_days(2), None)], live=False)
    restrict(make_event(event_index, title="Для своих", sessions=[(in_days(2), None)]))
    return event_index


def test_rss_lists_each_upcoming_visible_event_once_by_its_next_date(client, programme):
    response = client.get(reverse("events_feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("language") == "ru"
    assert channel.findtext("link") == "http://testserver/afisha/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Спектакль (12+)", "Клуб (6+)"]
    club = items[1]
    next_date = in_days(8)  # the first date is cancelled
    assert club.findtext("description").startswith(f"{next_date.day} ")
    assert "15:00, Зал 1. Анонс: Клуб" in club.findtext("description")
    assert club.findtext("link") == "http://testserver/afisha/klub/"
    assert club.findtext("category") == "Дети"


def test_rss_dates_are_in_russian(client, programme):
    channel = ET.fromstring(client.get(reverse("events_feed")).content).find("channel")
    description = channel.find("item").findtext("description")
    months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]  # fmt: skip
    assert months[in_days(3).month - 1] in description and "15:00" in description


def test_sitemap_lists_the_afisha_and_visible_events_only(client, programme):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)}
    events = {url for url in locations if "/afisha/" in url}
    assert events == {
        "http://testserver/afisha/", "http://testserver/afisha/klub/",
        "http://testserver/afisha/spektakl/", "http://testserver/afisha/proshedshee/",
    }  # fmt: skip
