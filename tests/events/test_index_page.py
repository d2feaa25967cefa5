"""The Афиша as readers see it: a card per date grouped by day, filters without JavaScript,
the archive, pagination that keeps the filter, empty states."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from events.models import EventCancelledDate
from tests.conftest import make_image, publish

from .helpers import local, make_event, make_event_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_index(home):
    return make_event_index(home)


def days_from_today(days, hour=12, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour, minute)


def once(days, hour=12, minute=0, hours=1):
    start = days_from_today(days, hour, minute)
    return [(start, start + datetime.timedelta(hours=hours))]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_titles(soup):
    return [
        card.select_one(".event-card__title").get_text(strip=True)
        for card in soup.select(".event-card")
    ]


def test_a_card_shows_time_place_age_mark_audience_price_and_pushkin_card(client, event_index):
    make_event(
        event_index,
        title="Квест",
        sessions=once(2, 15, 30, hours=2),
        age_mark=12,
        audiences=("podrostki",),
        is_free=False,
        price="300 ₽",
        pushkin_card=True,
        ticket_url="https://www.culture.ru/events/1",
        main_image=make_image("Квест в библиотеке"),
    )

    card = read(client, event_index.url).select_one(".event-card")

    text = " ".join(card.get_text(" ", strip=True).split())
    assert "15:30–17:30" in text
    assert card.select_one(".age-badge").get_text(strip=True).endswith("12+")
    assert "Зал 1" in text and "Подростки" in text
    assert "300 ₽" in text and "Пушкинская карта" in text
    assert card.select_one("img")["alt"].endswith("Квест в библиотеке")
    assert card.select_one("time")["datetime"] == days_from_today(2, 15, 30).isoformat()


def test_a_free_event_says_so_and_every_card_carries_its_age_mark(client, event_index):
    for age_mark in (0, 6, 18):
        make_event(event_index, title=f"Для {age_mark}+", age_mark=age_mark, sessions=once(1))

    soup = read(client, event_index.url)

    badges = [badge.get_text(" ", strip=True) for badge in soup.select(".event-card .age-badge")]
    assert badges == ["Возрастное ограничение 0+", "Возрастное ограничение 6+",
                      "Возрастное ограничение 18+"]  # fmt: skip
    assert all("Бесплатно" in card.get_text() for card in soup.select(".event-card"))


def test_each_date_of_a_weekly_club_is_its_own_card_under_a_russian_day_heading(
    client, event_index
):
    first = days_from_today(1, 12)
    make_event(
        event_index,
        title="Клуб",
        sessions=[(first, first + datetime.timedelta(hours=1))],
        weekly_until=timezone.localdate(first) + datetime.timedelta(weeks=2),
    )

    soup = read(client, event_index.url)

    assert card_titles(soup) == ["Клуб", "Клуб", "Клуб"]
    headings = [heading.get_text(strip=True) for heading in soup.select(".event-day__heading")]
    days = [timezone.localdate(first) + datetime.timedelta(weeks=week) for week in range(3)]
    weekdays = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]
    assert [heading.split(",")[0] for heading in headings] == [weekdays[d.weekday()] for d in days]
    months = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]  # fmt: skip
    assert headings[0].startswith(
        f"{weekdays[days[0].weekday()]}, {days[0].day} {months[days[0].month - 1]}"
    )


def test_past_dates_of_a_series_leave_the_list_by_the_clock_alone(client, event_index):
    start = days_from_today(-15, 12)
    make_event(
        event_index,
        title="Клуб",
        sessions=[(start, start + datetime.timedelta(hours=1))],
        weekly_until=timezone.localdate(start) + datetime.timedelta(weeks=3),
    )

    soup = read(client, event_index.url)

    shown = [time["datetime"] for time in soup.select(".event-card time")]
    assert shown == [days_from_today(6, 12).isoformat()]
    archive = read(client, event_index.url + "?archive=1")
    assert [time["datetime"] for time in archive.select(".event-card time")] == [
        days_from_today(days, 12).isoformat() for days in (-1, -8, -15)
    ]


def test_a_cancelled_date_stays_listed_and_is_marked(client, event_index):
    start = days_from_today(1, 12)
    club = make_event(
        event_index,
        title="Клуб",
        sessions=[(start, start + datetime.timedelta(hours=1))],
        weekly_until=timezone.localdate(start) + datetime.timedelta(weeks=1),
    )
    club.cancelled_dates = [EventCancelledDate(date=timezone.localdate(start))]
    publish(club)

    cards = read(client, event_index.url).select(".event-card")

    assert ["Отменено" in card.get_text() for card in cards] == [True, False]
    assert "event-card--cancelled" in cards[0]["class"]


def test_filters_by_pushkin_card_free_audience_and_age(client, event_index):
    make_event(event_index, title="Малышам", age_mark=0, audiences=("deti",), sessions=once(1))
    make_event(
        event_index, title="Квест", age_mark=12, audiences=("podrostki",), is_free=False,
        price="300 ₽", pushkin_card=True, ticket_url="https://www.culture.ru/", sessions=once(2),
    )  # fmt: skip
    make_event(
        event_index, title="Семинар", age_mark=18, audiences=("specialisty",), is_free=False,
        price="500 ₽", sessions=once(3),
    )  # fmt: skip
    url = event_index.url

    assert card_titles(read(client, url + "?pushkin=1")) == ["Квест"]
    assert card_titles(read(client, url + "?free=1")) == ["Малышам"]
    assert card_titles(read(client, url + "?audience=podrostki")) == ["Квест"]
    assert card_titles(read(client, url + "?age=12")) == ["Малышам", "Квест"]
    assert card_titles(read(client, url + "?age=abc")) == ["Малышам", "Квест", "Семинар"]


def test_filters_by_today_this_week_and_a_chosen_day(client, event_index):
    make_event(event_index, title="Сегодня", sessions=[(days_from_today(0, 23, 0), None)])
    make_event(event_index, title="Через месяц", sessions=once(40))
    url = event_index.url
    chosen = timezone.localdate() + datetime.timedelta(days=40)

    assert card_titles(read(client, url + "?when=today")) == ["Сегодня"]
    assert "Через месяц" not in card_titles(read(client, url + "?when=week"))
    assert card_titles(read(client, url + f"?day={chosen.isoformat()}")) == ["Через месяц"]


def test_the_active_filter_is_named_in_words_with_a_reset_link(client, event_index):
    make_event(event_index, title="Квест", audiences=("podrostki",), age_mark=12,
               is_free=False, price="1 ₽", pushkin_card=True,
               ticket_url="https://www.culture.ru/", sessions=once(1))  # fmt: skip

    soup = read(client, event_index.url + "?when=week&audience=podrostki&age=7&pushkin=1")

    summary = " ".join(soup.select_one(".filter-summary").get_text(" ", strip=True).split())
    assert "На этой неделе" in summary
    assert "Для кого: Подростки" in summary
    assert "Ребёнку 7 лет" in summary
    assert "По «Пушкинской карте»" in summary
    assert soup.select_one(".filter-summary a")["href"] == event_index.url
    form = soup.select_one("form.event-filters")
    assert form["method"] == "get"
    assert form.select_one("#filter-pushkin").has_attr("checked")
    assert form.select_one("#filter-audience option[selected]")["value"] == "podrostki"
    assert form.select_one("#filter-when option[selected]")["value"] == "week"


def test_pagination_keeps_the_filter(client, event_index, settings):
    settings.EVENTS_PER_PAGE = 2
    for number in range(3):
        make_event(event_index, title=f"Событие {number}", sessions=once(number + 1))

    soup = read(client, event_index.url + "?audience=deti")

    link = soup.select_one(".pagination a[rel=next]")["href"]
    assert link == "?audience=deti&page=2"
    assert card_titles(read(client, event_index.url + link)) == ["Событие 2"]


def test_archive_and_calendar_links_keep_who_and_how_paid(client, event_index):
    soup = read(client, event_index.url + "?audience=deti&when=today")

    links = {a.get_text(strip=True): a["href"] for a in soup.select(".afisha-views a")}
    assert links["Архив"] == event_index.url + "?archive=1&audience=deti"
    today = timezone.localdate()
    assert links["Календарь"] == (
        f"{event_index.url}kalendar/{today.year}/{today.month}/?audience=deti"
    )


def test_empty_states_are_in_russian(client, event_index):
    assert "Ближайших событий пока нет" in read(client, event_index.url).get_text()
    assert "В архиве пока нет событий" in read(client, event_index.url + "?archive=1").get_text()
    assert (
        "По выбранному фильтру событий не найдено"
        in read(client, event_index.url + "?pushkin=1").get_text()
    )


def test_drafts_and_other_indexes_events_stay_unseen(client, event_index):
    make_event(event_index, title="Черновик", live=False, sessions=once(1))
    make_event(event_index, title="Опубликовано", sessions=once(1))

    assert card_titles(read(client, event_index.url)) == ["Опубликовано"]


def test_a_page_number_past_the_end_shows_the_last_page(client, event_index):
    make_event(event_index, title="Одно", sessions=once(1))

    assert card_titles(read(client, event_index.url + "?page=99")) == ["Одно"]
