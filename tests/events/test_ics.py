"""«Добавить в календарь» and the Афиша's calendar: iCalendar files that calendars read,
in the library's time zone, with stable UIDs and cancelled dates marked."""

import datetime
import zoneinfo

import icalendar
import pytest

from django.utils import timezone

from cms.models import SiteSettings
from events.models import EventCancelledDate
from tests.conftest import publish, restrict

from .helpers import local, make_event, make_event_index

pytestmark = pytest.mark.django_db

NOVOKUZNETSK = zoneinfo.ZoneInfo("Asia/Novokuznetsk")


def in_days(days, hour=15):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


def read_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content.decode("utf-8"))


def vevents(calendar):
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def event_index(home):
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.address = "г. Кемерово, пр. Советский, 40"
    site_settings.save()
    return make_event_index(home)


@pytest.fixture
def club(event_index):
    """A weekly club for four weeks from in two days, 15:00–16:30, its second date cancelled."""
    start = in_days(2)
    end = start + datetime.timedelta(minutes=90)
    page = make_event(
        event_index, title="Клуб «Читайка»", sessions=[(start, end)],
        weekly_until=timezone.localdate(start) + datetime.timedelta(weeks=3),
    )  # fmt: skip
    page.cancelled_dates = [EventCancelledDate(date=timezone.localdate(in_days(9)))]
    return publish(page)


def test_an_events_file_has_its_dates_in_the_librarys_time_zone(client, club):
    calendar = read_calendar(client, f"/afisha/{club.pk}.ics")
    first = vevents(calendar)[0]

    assert len(vevents(calendar)) == 4
    assert (
        first["DTSTART"].dt == in_days(2) and first["DTSTART"].dt.tzinfo.key == "Asia/Novokuznetsk"
    )
    assert first["DTSTART"].dt.hour == 15 and first["DTEND"].dt.hour == 16
    assert first["DTSTART"].params["TZID"] == "Asia/Novokuznetsk"
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Novokuznetsk"
    assert zone.to_tz().utcoffset(datetime.datetime(2030, 1, 1)) == datetime.timedelta(hours=7)
    assert str(first["SUMMARY"]) == "Клуб «Читайка»"
    assert str(first["LOCATION"]) == "Зал 1, г. Кемерово, пр. Советский, 40"
    assert str(first["URL"]) == f"http://testserver{club.url}"
    assert "Анонс: Клуб «Читайка»" in str(first["DESCRIPTION"])
    assert "6+" in str(first["DESCRIPTION"])


def test_a_cancelled_date_is_marked_and_uids_stay_when_the_event_changes(client, club):
    before = vevents(read_calendar(client, f"/afisha/{club.pk}.ics"))
    statuses = [str(event["STATUS"]) for event in before]
    assert statuses == ["CONFIRMED", "CANCELLED", "CONFIRMED", "CONFIRMED"]
    assert str(before[1]["SUMMARY"]).startswith("Отменено")

    club.title = "Клуб «Читайка» для малышей"
    publish(club)
    after = vevents(read_calendar(client, f"/afisha/{club.pk}.ics"))
    assert [str(e["UID"]) for e in after] == [str(e["UID"]) for e in before]
    assert len({str(e["UID"]) for e in after}) == 4


def test_an_all_day_date_is_a_date(client, event_index):
    page = make_event(event_index, title="Выставка")
    session = page.sessions.first()
    session.start, session.end, session.all_day = in_days(3, 0), in_days(5, 0), True
    page.sessions = [session]
    publish(page)
    [event] = vevents(read_calendar(client, f"/afisha/{page.pk}.ics"))
    assert event["DTSTART"].dt == timezone.localdate(in_days(3))
    assert event["DTEND"].dt == timezone.localdate(in_days(6))  # exclusive


def test_the_afisha_calendar_has_every_upcoming_date_of_visible_events(client, event_index, club):
    make_event(event_index, title="Вчера", sessions=[(in_days(-1), None)])
    make_event(event_index, title="Черновик", sessions=[(in_days(1), None)], live=False)
    hidden = make_event(event_index, title="Закрытое", sessions=[(in_days(1), None)])
    restrict(hidden)
    make_event(event_index, title="Завтра", sessions=[(in_days(1, hour=10), None)])

    calendar = read_calendar(client, "/afisha.ics")
    events = vevents(calendar)
    assert [str(e["SUMMARY"]) for e in events].count("Клуб «Читайка»") == 3
    assert {str(e["SUMMARY"]) for e in events} == {
        "Завтра", "Клуб «Читайка»", "Отменено: Клуб «Читайка»",
    }  # fmt: skip
    tomorrow = next(e for e in events if str(e["SUMMARY"]) == "Завтра")
    assert tomorrow["DTSTART"].dt.astimezone(NOVOKUZNETSK).hour == 10
    assert "DTEND" not in tomorrow
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Novokuznetsk"


def test_a_hidden_or_unknown_event_has_no_file(client, event_index):
    draft = make_event(event_index, title="Черновик", live=False)
    secret = make_event(event_index, title="Закрытое")
    restrict(secret)
    for page_id in (draft.pk, secret.pk, 999999):
        assert client.get(f"/afisha/{page_id}.ics").status_code == 404
