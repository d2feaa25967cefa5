"""The Афиша's pages run the same number of SQL queries with 1 and with 100 events."""

import datetime
from types import SimpleNamespace

import pytest

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventCancelledDate
from tests.conftest import (
    TINY,
    forget_fragments,
    indexed_once,
    kept_for_the_module,
    make_home,
    make_image,
    publish,
)

from .helpers import local, make_event, make_event_index

pytestmark = pytest.mark.usefixtures("renditions_on_view")

AUDIENCES = [("deti",), ("podrostki", "molodezh"), ("roditeli", "deti"), ()]


def first_of_next_month():
    today = timezone.localdate()
    return (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


MONTH = first_of_next_month()
# Each shows at least one date with 1 event too: an empty list skips the cards' queries.
INDEX_PARAMS = [
    "", "?pushkin=1", "?audience=deti&age=12", "?page=2", f"?day={MONTH}", "?archive=1"
]  # fmt: skip
CALENDAR_PARAMS = [
    f"kalendar/{MONTH.year}/{MONTH.month}/",
    f"kalendar/{MONTH.year}/{MONTH.month}/?free=1",
]


def count_queries(client, url):
    client.get(url)  # warm up: renditions are created on first view
    forget_fragments()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@indexed_once()
def fill(event_index, count, start=0):
    image = make_image("Общая картинка", TINY)
    for number in range(start, start + count):
        day = MONTH + datetime.timedelta(days=number % 28)
        begins = local(day.year, day.month, day.day, 10 + number % 8)
        past = begins - datetime.timedelta(days=70)
        make_event(
            event_index,
            title=f"Событие {number}",
            sessions=[(begins, begins + datetime.timedelta(hours=1)), (past, None)],
            weekly_until=day + datetime.timedelta(weeks=number % 3) if number % 2 else None,
            age_mark=(0, 6, 12, 16, 18)[number % 5],
            audiences=AUDIENCES[number % len(AUDIENCES)],
            main_image=make_image(f"Картинка {number}", TINY) if number % 2 else image,
            is_free=bool(number % 3),
            price="" if number % 3 else "300 ₽",
            pushkin_card=not number % 3,
            ticket_url="" if number % 3 else "https://www.culture.ru/",
        )


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("events-query-counts")


@pytest.fixture(scope="module")
def hundred_events(django_db_setup, django_db_blocker, files_folder):
    """The Афиша's pages counted with 1 event, then with 100, built once for the module."""
    with (
        kept_for_the_module(django_db_blocker, files_folder),
        override_settings(PREPARE_RENDITIONS=False, EVENTS_PER_PAGE=12),
    ):
        event_index = make_event_index(make_home())
        client = Client()
        urls = [event_index.url + params for params in INDEX_PARAMS + CALENDAR_PARAMS]
        fill(event_index, 1)
        with_one = {url: count_queries(client, url) for url in urls}
        fill(event_index, 99, start=1)
        with_hundred = {url: count_queries(client, url) for url in urls}
        yield SimpleNamespace(event_index=event_index, with_one=with_one, with_hundred=with_hundred)


@pytest.mark.django_db
@pytest.mark.parametrize("params", INDEX_PARAMS + CALENDAR_PARAMS)
def test_afisha_queries_do_not_grow_with_events(hundred_events, params):
    url = hundred_events.event_index.url + params
    assert hundred_events.with_hundred[url] == hundred_events.with_one[url]


@pytest.mark.django_db
def test_the_calendar_reads_the_months_occurrences_in_one_query(hundred_events):
    url = hundred_events.event_index.url + CALENDAR_PARAMS[0]
    with CaptureQueriesContext(connection) as queries:
        Client().get(url)
    occurrence_reads = [q for q in queries if 'FROM "events_eventoccurrence"' in q["sql"]]
    assert len(occurrence_reads) == 1


@pytest.mark.django_db
def test_event_page_queries_do_not_grow_with_dates_or_partners(client, hundred_events):
    from events.models import EventIndexPage
    from tests.conftest import make_partner

    event_index = EventIndexPage.objects.get(pk=hundred_events.event_index.pk)
    small = make_event(event_index, title="Раз", partners=[make_partner("Одна")])
    start = local(MONTH.year, MONTH.month, 1, 12)
    large = make_event(
        event_index,
        title="Клуб",
        sessions=[(start, None)],
        weekly_until=MONTH + datetime.timedelta(weeks=40),
        partners=[make_partner(f"Партнёр {n}") for n in range(10)],
        audiences=("deti", "podrostki", "roditeli"),
    )
    large.cancelled_dates = [EventCancelledDate(date=MONTH + datetime.timedelta(weeks=2))]
    publish(large)
    assert count_queries(client, large.url) == count_queries(client, small.url)
