"""An event's page: age mark, dates (each once, cancelled struck, past ones apart), place,
price and «Пушкинская карта», registration, partners; and its schema.org Event data."""

import datetime
import json

import jsonschema_rs
import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from cms.models import SiteSettings
from events.json_ld import price_amount
from events.models import EventCancelledDate, EventSession
from tests.conftest import make_image, make_partner, publish

from .helpers import local, make_event, make_event_index

pytestmark = pytest.mark.django_db

# What Google's Event rich result requires and recommends, as a JSON Schema
# (developers.google.com/search/docs/appearance/structured-data/event), with schema.org's
# enumerations for status and attendance mode.
ISO_DATE = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z))?$"
EVENT_SCHEMA = {
    "type": "object",
    "required": [
        "@context",
        "@type",
        "name",
        "startDate",
        "endDate",
        "location",
        "description",
        "eventStatus",
        "eventAttendanceMode",
        "organizer",
        "offers",
    ],  # fmt: skip
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "Event"},
        "name": {"type": "string", "minLength": 1},
        "startDate": {"type": "string", "pattern": ISO_DATE},
        "endDate": {"type": "string", "pattern": ISO_DATE},
        "eventStatus": {
            "enum": ["https://schema.org/EventScheduled", "https://schema.org/EventCancelled"]
        },
        "eventAttendanceMode": {"const": "https://schema.org/OfflineEventAttendanceMode"},
        "location": {
            "type": "object",
            "required": ["@type", "name", "address"],
            "properties": {
                "@type": {"const": "Place"},
                "address": {
                    "type": "object",
                    "required": ["@type", "streetAddress", "addressCountry"],
                    "properties": {"@type": {"const": "PostalAddress"}},
                },
            },
        },
        "organizer": {
            "type": "object",
            "required": ["@type", "name", "url"],
            "properties": {"url": {"type": "string", "pattern": "^https?://"}},
        },
        "offers": {
            "type": "object",
            "required": ["@type", "price", "priceCurrency", "url"],
            "properties": {
                "@type": {"const": "Offer"},
                "price": {"type": "string", "pattern": r"^\d+(\.\d+)?$"},
                "priceCurrency": {"const": "RUB"},
            },
        },
        "image": {"type": "array", "items": {"type": "string", "pattern": "^https?://"}},
        "isAccessibleForFree": {"type": "boolean"},
        "typicalAgeRange": {"type": "string", "pattern": r"^\d+-$"},
        "url": {"type": "string", "pattern": "^https?://"},
    },
}
VALIDATOR = jsonschema_rs.validator_for({"type": "array", "minItems": 1, "items": EVENT_SCHEMA})


@pytest.fixture
def event_index(home):
    return make_event_index(home)


@pytest.fixture
def library_address(home):
    settings = SiteSettings.for_site(home.get_site())
    settings.address = "Кемерово, ул. Островского, 11"
    settings.save()
    return settings.address


def days_from_today(days, hour=12):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def weekly_club(event_index, first_day=-14, weeks=4, **fields):
    start = days_from_today(first_day)
    return make_event(
        event_index,
        title="Клуб",
        sessions=[(start, start + datetime.timedelta(hours=1))],
        weekly_until=timezone.localdate(start) + datetime.timedelta(weeks=weeks),
        **fields,
    )


def test_the_age_mark_is_shown_prominently(client, event_index):
    event = make_event(event_index, age_mark=16)

    soup = read(client, event.url)

    badge = soup.select_one(".event-article__header .age-badge--large")
    assert badge.get_text(" ", strip=True) == "Возрастное ограничение 16+"


def test_upcoming_dates_each_once_cancelled_struck_past_apart(client, event_index):
    club = weekly_club(event_index, first_day=-15, weeks=4)  # -15, -8, -1, 6, 13
    club.cancelled_dates = [EventCancelledDate(date=timezone.localdate(days_from_today(6)))]
    publish(club)

    soup = read(client, club.url)

    upcoming = soup.select(".event-dates li")
    assert [li.time["datetime"] for li in upcoming] == [
        days_from_today(6).isoformat(), days_from_today(13).isoformat()
    ]  # fmt: skip
    assert upcoming[0].s is not None and "Отменено" in upcoming[0].get_text()
    assert upcoming[1].s is None and "Отменено" not in upcoming[1].get_text()
    past = soup.select_one("details.event-past")
    assert past.summary.get_text(strip=True) == "Прошедшие даты (3)"
    assert len(past.select("li")) == 3


def test_a_day_and_time_are_russian_and_local(client, event_index):
    event = make_event(
        event_index, sessions=[(local(2031, 12, 6, 15, 0), local(2031, 12, 6, 16, 30))]
    )

    text = " ".join(read(client, event.url).select_one(".event-dates").get_text(" ").split())

    assert text == "суббота, 6 декабря 2031, 15:00–16:30"


def test_place_falls_back_to_the_library_address(client, event_index, library_address):
    own = make_event(event_index, title="Выездное", address="Кемерово, пр. Ленина, 5")
    here = make_event(event_index, title="Дома")

    assert "пр. Ленина, 5" in read(client, own.url).select_one(".event-facts").get_text()
    assert library_address in read(client, here.url).select_one(".event-facts").get_text()


def test_price_pushkin_card_ticket_link_and_audiences(client, event_index):
    event = make_event(
        event_index, audiences=("podrostki", "molodezh"), is_free=False, price="400 ₽",
        pushkin_card=True, ticket_url="https://www.culture.ru/events/42",
    )  # fmt: skip

    facts = read(client, event.url).select_one(".event-facts")

    text = facts.get_text(" ", strip=True)
    assert "400 ₽" in text and "Пушкинская карта" in text
    ticket = facts.find("a", string="Купить билет")
    assert ticket["href"] == "https://www.culture.ru/events/42"
    audiences = [a.get_text() for a in facts.select('a[href*="audience="]')]
    assert audiences == ["Подростки", "Молодёжь"]


def test_registration_by_an_external_link_or_the_site_form(client, event_index):
    external = make_event(
        event_index, title="Внешняя", registration="external",
        registration_url="https://example.org/zapis",
    )  # fmt: skip
    form = make_event(event_index, title="Форма", registration="form")
    none = make_event(event_index, title="Без записи")

    link = read(client, external.url).select_one(".event-registration a")
    assert link.get_text() == "Записаться на «Внешняя» (откроется в новой вкладке)"
    assert link["href"] == "https://example.org/zapis"
    signup = read(client, form.url).select_one(".event-registration")
    assert signup.h2.get_text() == "Запись" and signup.select_one("form.signup-form")
    assert read(client, none.url).select_one(".event-registration") is None


def test_linked_partners_are_shown(client, event_index):
    partner = make_partner("Минская ЦСДБ")
    hidden = make_partner("Скрытая", live=False)
    event = make_event(event_index, partners=[partner, hidden])

    names = [h.get_text(strip=True) for h in read(client, event.url).select(".partner-card__name")]

    assert names == ["Минская ЦСДБ"]


def test_breadcrumbs_lead_to_the_afisha(client, event_index):
    event = make_event(event_index, title="Квест")

    crumbs = read(client, event.url).select(".breadcrumbs li")

    assert [li.get_text(strip=True) for li in crumbs] == ["Главная", "Афиша", "Квест"]


def test_json_ld_is_one_valid_event_per_upcoming_date(client, event_index, library_address):
    club = weekly_club(event_index, first_day=-8, weeks=3, main_image=make_image("Клуб"))
    club.cancelled_dates = [EventCancelledDate(date=timezone.localdate(days_from_today(6)))]
    publish(club)

    events = json_ld(read(client, club.url))

    assert VALIDATOR.is_valid(events), list(VALIDATOR.iter_errors(events))
    assert [event["startDate"] for event in events] == [
        days_from_today(days).isoformat() for days in (6, 13)
    ]
    statuses = {event["startDate"]: event["eventStatus"] for event in events}
    assert statuses[days_from_today(6).isoformat()] == "https://schema.org/EventCancelled"
    assert statuses[days_from_today(13).isoformat()] == "https://schema.org/EventScheduled"
    last = events[-1]
    assert last["endDate"] == (days_from_today(13) + datetime.timedelta(hours=1)).isoformat()
    assert last["location"]["address"]["streetAddress"] == library_address
    assert last["offers"]["price"] == "0" and last["isAccessibleForFree"] is True
    assert last["typicalAgeRange"] == "6-"
    assert last["organizer"]["@type"] == "Library"
    assert last["url"] == "http://testserver" + club.url


def test_json_ld_of_a_priced_all_day_event(client, event_index, library_address):
    event = make_event(
        event_index, is_free=False, price="от 1 500,50 ₽", age_mark=12,
        sessions=[(days_from_today(3), None)],
    )  # fmt: skip
    event.sessions = [EventSession(start=days_from_today(3), end=days_from_today(5), all_day=True)]
    publish(event)

    events = json_ld(read(client, event.url))

    assert VALIDATOR.is_valid(events), list(VALIDATOR.iter_errors(events))
    (data,) = events
    assert data["offers"]["price"] == "1500.5" and data["isAccessibleForFree"] is False
    assert data["startDate"] == timezone.localdate(days_from_today(3)).isoformat()
    assert data["endDate"] == timezone.localdate(days_from_today(5)).isoformat()


def test_json_ld_survives_a_closing_script_tag_in_the_title(client, event_index):
    event = make_event(event_index, title="</script><b>Ура</b>")

    soup = read(client, event.url)

    assert json_ld(soup)[0]["name"] == "</script><b>Ура</b>"


def test_an_event_long_over_keeps_its_last_date_in_json_ld(client, event_index):
    event = make_event(event_index, sessions=[(days_from_today(-30), None)])

    soup = read(client, event.url)

    assert "Событие прошло" in soup.get_text()
    assert [data["startDate"] for data in json_ld(soup)] == [days_from_today(-30).isoformat()]


@pytest.mark.parametrize(
    ("text", "amount"),
    [("300 ₽", "300"), ("от 1 500 руб.", "1500"), ("250,50", "250.5"), ("по договорённости", None)],
)
def test_price_amount_reads_the_first_number(text, amount):
    assert price_amount(text) == amount
