"""The home page's «Ближайшие события»: the soonest events, each once with its next date,
the same on the page and in the API's `sections`; hidden with events_count = 0."""

import datetime
import re

import pytest

from django.test import Client
from django.utils import timezone

from cms.models import SiteSettings
from events.models import EventCancelledDate
from tests.conftest import make_news, publish
from tests.events.helpers import local, make_event, make_event_index
from tests.events.test_api import with_audiences

pytestmark = pytest.mark.django_db

MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря",
]  # fmt: skip
BLOCK_HEADING = re.compile(r'<h2 id="(?:latest-news-heading|upcoming-events-heading)">(.*?)</h2>')


def in_days(days, hour=15):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


def russian_day(moment):
    return f"{moment.day} {MONTHS[moment.month - 1]}"


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.fixture
def event_index(home):
    return with_audiences(make_event_index(home))


@pytest.fixture
def programme(event_index):
    """A weekly club whose first date is cancelled, a «Пушкинская карта» concert, a past
    event, a draft, and an event further off than the block's three."""
    club = make_event(
        event_index, title="Клуб «Читайка»", sessions=[(in_days(1), None)],
        weekly_until=timezone.localdate(in_days(1)) + datetime.timedelta(weeks=3),
    )  # fmt: skip
    club.cancelled_dates = [EventCancelledDate(date=timezone.localdate(in_days(1)))]
    publish(club)
    make_event(
        event_index, title="Концерт", sessions=[(in_days(2, hour=18), None)], age_mark=12,
        is_free=False, price="300 ₽", pushkin_card=True, ticket_url="https://example.org/bilet",
    )  # fmt: skip
    make_event(event_index, title="Сказки", sessions=[(in_days(4, hour=11), None)], age_mark=0)
    make_event(event_index, title="Через месяц", sessions=[(in_days(30), None)])
    make_event(event_index, title="Вчера", sessions=[(in_days(-1), None)])
    make_event(event_index, title="Черновик", sessions=[(in_days(1), None)], live=False)
    return event_index


def block(html):
    start = html.index('aria-labelledby="upcoming-events-heading"')
    return html[start : html.index("</section>", start)]


def test_the_block_lists_the_soonest_events_each_once_with_its_next_date(client, programme):
    html = block(client.get("/").content.decode())

    titles = re.findall(r'class="upcoming-events__title" href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Концерт", "Сказки", "Клуб «Читайка»"]  # the club's first date is off
    concert = html[html.index(russian_day(in_days(2))) :]
    assert concert.index(", 18:00") < concert.index("Концерт") < concert.index("12+")
    assert html.count("Пушкинская карта") == 1
    assert f"{russian_day(in_days(8))}" in html  # the club's next meeting
    assert 'href="/afisha/">Вся афиша</a>' in html


def test_the_api_gives_the_block_where_the_page_shows_it(client, home, news_index, programme):
    make_news(news_index, title="Новость")
    sections = get(client, f"/api/v2/pages/{home.pk}/")["sections"]
    v3 = get(client, f"/api/v3/pages/{home.pk}/")["sections"]

    assert [section["kind"] for section in sections][:3] == ["slides", "news", "events"]
    assert [section["kind"] for section in v3] == [section["kind"] for section in sections]
    html = client.get("/").content.decode()
    headings = [section["heading"] for section in sections if section["kind"] in ("news", "events")]
    assert BLOCK_HEADING.findall(html) == headings == ["Новости", "Ближайшие события"]
    events = sections[2]
    assert events["all_url"] == "http://testserver/afisha/"
    concert = events["items"][0]
    assert concert == {
        "id": concert["id"], "title": "Концерт", "html_url": "http://testserver/afisha/koncert/",
        "detail_url": f"http://testserver/api/v2/pages/{concert['id']}/",
        "start": in_days(2, hour=18).isoformat(), "end": None, "all_day": False,
        "place": "Зал 1", "age_mark": "12+", "is_free": False, "pushkin_card": True,
    }  # fmt: skip
    assert concert["start"].endswith("+07:00")
    assert v3[2]["items"][0]["detail_url"] == f"http://testserver/api/v3/pages/{concert['id']}/"
    assert [item["title"] for item in v3[2]["items"]] == [i["title"] for i in events["items"]]


def test_events_count_sets_the_number_and_zero_hides_the_block(client, home, programme):
    home.events_count = 1
    publish(home)
    assert [
        i["title"] for i in get(client, f"/api/v2/pages/{home.pk}/")["sections"][2]["items"]
    ] == ["Концерт"]
    home.events_count = 0
    publish(home)
    assert "upcoming-events-heading" not in client.get("/").content.decode()
    kinds = [s["kind"] for s in get(client, f"/api/v3/pages/{home.pk}/")["sections"]]
    assert "events" not in kinds


def test_without_upcoming_events_the_block_says_so_and_links_the_afisha(client, event_index):
    make_event(event_index, title="Вчера", sessions=[(in_days(-1), None)])
    html = block(client.get("/").content.decode())
    assert "Ближайших событий пока нет." in html and "Вся афиша" in html


def test_without_a_visible_afisha_there_is_no_block(client, home):
    assert "upcoming-events-heading" not in client.get("/").content.decode()
    kinds = [s["kind"] for s in get(client, f"/api/v2/pages/{home.pk}/")["sections"]]
    assert "events" not in kinds


@pytest.mark.usefixtures("page_cache_on")
def test_publishing_an_event_refreshes_the_cached_home_page_and_feeds(home, event_index):
    SiteSettings.for_site(home.get_site())  # made on the first view otherwise, staling it
    urls = ["/", "/afisha.ics", "/rss/afisha/", "/api/v2/pages/?type=events.EventPage"]
    reader = Client()
    for url in urls:
        assert reader.get(url)["X-Page-Cache"] == "miss"
        assert reader.get(url)["X-Page-Cache"] == "hit"

    event = make_event(event_index, title="Новое событие", sessions=[(in_days(2), None)])
    for url in urls:
        assert "Новое событие" in reader.get(url).content.decode(), url

    event.sessions = []
    event.unpublish()
    for url in urls:
        assert "Новое событие" not in reader.get(url).content.decode(), url
