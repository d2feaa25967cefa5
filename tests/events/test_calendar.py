"""The Афиша's month calendar: a plain table that works without JavaScript."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from events.calendar import Month, month_weeks
from events.models import EventSession
from tests.conftest import publish

from .helpers import local, make_event, make_event_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_index(home):
    return make_event_index(home)


def read(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def day_cell(soup, day):
    """The cell of the shown month's day number `day` («суббота, 5 декабря» → 5)."""
    for cell in soup.select("td.calendar__day:not(.calendar__day--other)"):
        date = cell.select_one(".calendar__date").get_text(" ", strip=True)
        if date.split(",")[1].split()[0] == str(day):
            return cell
    raise AssertionError(f"no cell for {day}")


def test_the_month_is_a_table_with_caption_weekday_headers_and_no_script(client, event_index):
    soup = read(client, event_index.url + "kalendar/2026/12/")

    table = soup.select_one("table.calendar")
    assert table.caption.get_text(strip=True) == "Декабрь 2026"
    headers = table.select("thead th")
    assert [th["scope"] for th in headers] == ["col"] * 7
    assert [th.abbr["title"] for th in headers][0] == "понедельник"
    # December 2026 begins on a Tuesday: one blank cell, 31 days, whole weeks.
    cells = table.select("tbody td")
    assert len(cells) % 7 == 0 and len(table.select("tbody tr")) == 5
    assert "calendar__day--other" in cells[0]["class"]
    assert not soup.select("main script")


def test_each_day_lists_its_occurrences_as_links_cancelled_marked(client, event_index):
    club = make_event(
        event_index,
        title="Клуб",
        sessions=[(local(2026, 12, 5, 12), local(2026, 12, 5, 13))],
        weekly_until=datetime.date(2026, 12, 12),
    )
    club.cancelled_dates.create(date=datetime.date(2026, 12, 12))
    publish(club)
    make_event(event_index, title="Январское", sessions=[(local(2027, 1, 2, 12), None)])

    soup = read(client, event_index.url + "kalendar/2026/12/")

    fifth, twelfth = day_cell(soup, 5), day_cell(soup, 12)
    assert fifth.select_one(".calendar__events a")["href"] == club.url
    assert "12:00–13:00" in fifth.get_text()
    assert "6+" in fifth.get_text()
    assert "Отменено" in twelfth.get_text() and "Отменено" not in fifth.get_text()
    assert "Январское" not in soup.get_text()


def test_an_event_of_several_days_is_on_each_of_them(client, event_index):
    exhibition = make_event(event_index, title="Выставка", sessions=[(local(2026, 12, 30), None)])
    exhibition.sessions = [
        EventSession(start=local(2026, 12, 30), end=local(2027, 1, 3), all_day=True)
    ]
    publish(exhibition)

    december = read(client, event_index.url + "kalendar/2026/12/")
    january = read(client, event_index.url + "kalendar/2027/1/")

    def listed(soup, days):
        return [bool(day_cell(soup, day).select(".calendar__events li")) for day in days]

    assert listed(december, (29, 30, 31)) == [False, True, True]
    assert listed(january, (3, 4)) == [True, False]


def test_today_is_marked_for_assistive_technology(client, event_index):
    today = timezone.localdate()

    soup = read(client, event_index.url + "kalendar/")

    current = soup.select('td[aria-current="date"]')
    assert len(current) == 1
    assert "сегодня" in current[0].get_text()
    assert soup.caption.get_text(strip=True).lower().endswith(str(today.year))


def test_previous_and_next_month_links_keep_the_filter(client, event_index):
    soup = read(client, event_index.url + "kalendar/2026/1/?pushkin=1&when=today&archive=1")

    months = {a["rel"][0]: a["href"] for a in soup.select(".calendar-months a[rel]")}
    assert months == {
        "prev": event_index.url + "kalendar/2025/12/?pushkin=1",
        "next": event_index.url + "kalendar/2026/2/?pushkin=1",
    }


def test_the_filters_apply_to_the_calendar(client, event_index):
    make_event(event_index, title="Малышам", age_mark=0, sessions=[(local(2026, 12, 5, 11), None)])
    make_event(
        event_index, title="Квест", age_mark=12, is_free=False, price="300 ₽", pushkin_card=True,
        ticket_url="https://www.culture.ru/", sessions=[(local(2026, 12, 5, 15), None)],
    )  # fmt: skip

    def titles(query):
        soup = read(client, event_index.url + "kalendar/2026/12/" + query)
        return [a.get_text(" ", strip=True) for a in soup.select(".calendar__events a")]

    assert titles("") == ["11:00 Малышам", "15:00 Квест"]
    assert titles("?pushkin=1") == ["15:00 Квест"]
    assert titles("?age=6") == ["11:00 Малышам"]
    assert (
        "В этом месяце событий нет"
        in read(client, event_index.url + "kalendar/2026/11/").get_text()
    )


@pytest.mark.parametrize("path", ["kalendar/2026/13/", "kalendar/1999/1/", "kalendar/2026/0/"])
def test_a_month_that_does_not_exist_is_not_found(client, event_index, path):
    read(client, event_index.url + path, status=404)


def test_weeks_start_on_monday_and_hold_the_whole_month():
    weeks = month_weeks(Month(2026, 2), [], today=datetime.date(2026, 2, 14))

    assert [len(week) for week in weeks] == [7] * len(weeks)
    assert weeks[0][0].date == datetime.date(2026, 1, 26)
    in_month = [day for week in weeks for day in week if day.in_month]
    assert len(in_month) == 28
    assert [day.date for week in weeks for day in week if day.is_today] == [
        datetime.date(2026, 2, 14)
    ]
