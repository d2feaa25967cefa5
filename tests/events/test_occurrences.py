"""An event's sessions become the dates readers see: weekly series, cancellations, drafts."""

import datetime

import pytest

from events.models import EventCancelledDate, EventOccurrence, EventSession

from .helpers import local, make_event, make_event_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_index(home):
    return make_event_index(home)


def starts(page):
    return [occurrence.start for occurrence in page.occurrences.order_by("start")]


def test_a_weekly_session_gives_one_date_a_week_until_its_last_day(event_index):
    club = make_event(
        event_index,
        sessions=[(local(2026, 12, 5, 15), local(2026, 12, 5, 16))],
        weekly_until=datetime.date(2026, 12, 26),
    )

    assert starts(club) == [
        local(2026, 12, 5, 15), local(2026, 12, 12, 15), local(2026, 12, 19, 15),
        local(2026, 12, 26, 15),
    ]  # fmt: skip
    assert club.occurrences.get(start=local(2026, 12, 12, 15)).end == local(2026, 12, 12, 16)


def test_past_dates_stop_being_upcoming_by_the_clock_alone(event_index):
    club = make_event(
        event_index,
        sessions=[(local(2026, 12, 5, 15), local(2026, 12, 5, 16))],
        weekly_until=datetime.date(2026, 12, 19),
    )

    upcoming = club.upcoming_occurrences(now=local(2026, 12, 12, 15, 30))

    assert [occurrence.start for occurrence in upcoming] == [
        local(2026, 12, 12, 15), local(2026, 12, 19, 15)
    ]  # fmt: skip
    assert list(EventOccurrence.objects.past(local(2026, 12, 12, 16, 1))) == list(
        club.occurrences.filter(start__lte=local(2026, 12, 12, 15)).order_by("-start")
    )


def test_a_cancelled_date_of_a_series_is_kept_and_marked(event_index):
    club = make_event(
        event_index,
        sessions=[(local(2026, 12, 5, 15), None)],
        weekly_until=datetime.date(2026, 12, 19),
    )
    club.cancelled_dates = [EventCancelledDate(date=datetime.date(2026, 12, 12))]
    club.save_revision().publish()

    cancelled = {o.start: o.cancelled for o in club.occurrences.all()}
    assert cancelled == {
        local(2026, 12, 5, 15): False, local(2026, 12, 12, 15): True,
        local(2026, 12, 19, 15): False,
    }  # fmt: skip


def test_a_draft_schedule_stays_unseen_until_published(event_index):
    event = make_event(event_index, sessions=[(local(2026, 12, 5, 12), None)])
    event.sessions = [EventSession(start=local(2026, 12, 6, 12))]
    event.save_revision()

    assert starts(event) == [local(2026, 12, 5, 12)]

    event.get_latest_revision().publish()
    assert starts(event) == [local(2026, 12, 6, 12)]


def test_an_all_day_event_lasts_until_the_end_of_its_day(event_index):
    event = make_event(event_index, sessions=[(local(2026, 12, 5, 10), None)])
    event.sessions = [EventSession(start=local(2026, 12, 5, 10), all_day=True)]
    event.save_revision().publish()

    occurrence = event.occurrences.get()
    assert occurrence.start == local(2026, 12, 5)
    assert occurrence.ends_at == local(2026, 12, 6)
    assert list(EventOccurrence.objects.upcoming(local(2026, 12, 5, 23, 59))) == [occurrence]
