"""The Афиша's machine-readable side runs the same SQL queries with 1 and with 100 events:
both APIs' listings with every field, the home page and its API detail with the block
«Ближайшие события», the RSS and the calendar."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import SiteSettings
from events.models import EventCancelledDate
from events.signups import open_for_sign_up, sign_up
from tests.conftest import TINY, indexed_once, make_image, make_partner, publish

from .helpers import local, make_event, make_event_index
from .test_api import with_audiences

pytestmark = pytest.mark.usefixtures("renditions_on_view")


def count_queries(client, url):
    client.get(url)  # warm up: renditions are made on first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
    return len(queries)


@indexed_once()
def fill(event_index, partner, start, count):
    """Weekly events, two weeks under way, each with a picture, two audiences, a partner, a
    cancelled date of its own and sign-ups on its dates, so that a query per event, date or
    picture would show."""
    today = timezone.localdate()
    for number in range(start, start + count):
        first = today - datetime.timedelta(days=14 - number % 7)
        begins = local(first.year, first.month, first.day, 10 + number % 8)
        page = make_event(
            event_index, title=f"Событие {number}",
            sessions=[(begins, begins + datetime.timedelta(hours=1))],
            weekly_until=first + datetime.timedelta(weeks=5), audiences=("deti", "roditeli"),
            main_image=make_image(f"Афиша {number}", TINY), pushkin_card=number % 2 == 0,
            ticket_url="https://example.org/bilet", registration="form", seat_limit=20,
            cancelled_dates=[EventCancelledDate(date=first + datetime.timedelta(weeks=3))],
            partners=[partner],
        )  # fmt: skip
        # Seats taken on each upcoming date: the sessions' seats_left are counted per date.
        for occurrence in open_for_sign_up(page.occurrences.all()):
            sign_up(occurrence.pk, policy_version="1", name="Читатель", email="r@example.org")


@pytest.mark.django_db
def test_listings_feeds_and_the_home_page_run_the_same_queries_with_1_and_100_events(client, home):
    SiteSettings.for_site(home.get_site())
    home.events_count = 12
    publish(home)
    event_index = with_audiences(make_event_index(home))
    partner = make_partner("ЦСДБ Минска")
    urls = [
        "/api/v2/pages/?type=events.EventPage&fields=*&limit=20",
        "/api/v2/pages/?type=events.EventPage&fields=*&archive=1&limit=20",
        "/api/v2/pages/?type=events.EventPage&fields=*&audience=deti&pushkin=1&when=month",
        "/api/v3/pages/?type=events.EventPage&limit=20",
        "/api/v3/pages/?type=events.EventPage&age=6&free=1",
        f"/api/v2/pages/{home.pk}/",
        f"/api/v3/pages/{home.pk}/",
        "/",
        "/rss/afisha/",
        "/afisha.ics",
    ]
    fill(event_index, partner, 0, 1)
    with_one = {url: count_queries(client, url) for url in urls}
    fill(event_index, partner, 1, 99)
    with_hundred = {url: count_queries(client, url) for url in urls}
    assert with_hundred == with_one
    assert len(client.get("/afisha.ics").content.split(b"BEGIN:VEVENT")) > 300
