"""The Афиша over API v2 and v3: an event's fields, the Афиша's filters, the order of dates."""

import datetime
import json

import pytest

from django.utils import timezone

from events.models import EventAudience, EventCancelledDate, EventPage
from partners.models import Partner
from tests.conftest import make_image, make_news, make_partner, publish, restrict

from .helpers import local, make_event, make_event_index

pytestmark = pytest.mark.django_db

EVENTS = "events.EventPage"
AUDIENCES = [("Дети", "deti"), ("Подростки", "podrostki"), ("Родители", "roditeli")]
DAY = datetime.timedelta(days=1)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def titles(client, version, **params):
    items = get(client, f"/api/{version}/pages/", type=EVENTS, **params)["items"]
    return [item["title"] for item in items]


def days_from_now(days, hour=12):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


def with_audiences(event_index):
    """The Афиша with the audiences a migration makes: a flush (a transaction=True test run
    before) takes them away."""
    for order, (name, slug) in enumerate(AUDIENCES):
        EventAudience.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
    return event_index


@pytest.fixture
def event_index(home):
    return with_audiences(make_event_index(home))


@pytest.fixture
def concert(event_index):
    """A paid weekly concert for teens, the Пушкинская карта accepted, a date cancelled."""
    start = days_from_now(3, hour=15)
    page = make_event(
        event_index, title="Концерт", sessions=[(start, start + datetime.timedelta(hours=2))],
        weekly_until=timezone.localdate(start) + 2 * datetime.timedelta(weeks=1),
        age_mark=12, audiences=("podrostki",), is_free=False, price="300 ₽", pushkin_card=True,
        ticket_url="https://www.culture.ru/events/1", registration="external",
        registration_url="https://example.org/zapis", seat_limit=40,
        main_image=make_image("Афиша концерта"), main_image_alt="Скрипач на сцене",
    )  # fmt: skip
    page.cancelled_dates = [EventCancelledDate(date=timezone.localdate(start))]
    page.partners = [make_partner("ЦСДБ Минска"), make_partner("Скрытый", live=False)]
    return publish(page)


def test_an_event_has_every_field_a_front_end_needs(client, concert):
    data = get(client, f"/api/v2/pages/{concert.pk}/")

    first = days_from_now(3, hour=15)
    assert [session["start"] for session in data["sessions"]] == [
        (first + weeks * datetime.timedelta(weeks=1)).isoformat() for weeks in range(3)
    ]
    assert data["sessions"][0]["start"].endswith("+07:00")
    assert data["sessions"][0] == {
        "start": first.isoformat(), "end": (first + datetime.timedelta(hours=2)).isoformat(),
        "all_day": False, "cancelled": True, "seats_left": None,
    }  # fmt: skip
    assert data["next_start"] == data["sessions"][1]["start"]  # the first date is cancelled
    assert data["age_mark"] == "12+" and data["min_age"] == 12
    assert data["audiences"] == [{"name": "Подростки", "slug": "podrostki"}]
    assert (data["is_free"], data["price"], data["pushkin_card"]) == (False, "300 ₽", True)
    assert data["ticket_url"] == "https://www.culture.ru/events/1"
    assert data["registration"] == {
        "mode": "external", "url": "https://example.org/zapis", "seat_limit": 40,
        "waiting_list": True,
    }  # fmt: skip
    assert [partner["short_name"] for partner in data["partners"]] == ["ЦСДБ Минска"]
    assert data["main_image"]["alt"] == "Скрипач на сцене"
    assert data["place"] == "Зал 1" and data["lead"] == "Анонс: Концерт"


def test_v2_and_v3_give_an_event_the_same_fields(client, concert):
    v2 = get(client, f"/api/v2/pages/{concert.pk}/")
    v3 = json.loads(
        json.dumps(get(client, f"/api/v3/pages/{concert.pk}/")).replace("/api/v3/", "/api/v2/")
    )
    for field in EventPage.api_fields:
        assert v2[field.name] == v3[field.name], field.name


def test_an_empty_address_is_the_librarys(client, event_index):
    from cms.models import SiteSettings

    site_settings = SiteSettings.objects.get_or_create(site=event_index.get_site())[0]
    site_settings.address = "г. Кемерово, пр. Советский, 40"
    site_settings.save()
    here = make_event(event_index, title="В библиотеке")
    there = make_event(event_index, title="В парке", address="Парк Победы")
    for version in ("v2", "v3"):
        assert get(client, f"/api/{version}/pages/{here.pk}/")["address"] == site_settings.address
        assert get(client, f"/api/{version}/pages/{there.pk}/")["address"] == "Парк Победы"


def test_past_dates_leave_the_sessions_and_an_event_without_dates_has_no_next_start(
    client, event_index
):
    past = make_event(event_index, title="Прошло", sessions=[(days_from_now(-3), None)])
    data = get(client, f"/api/v3/pages/{past.pk}/")
    assert data["sessions"] == [] and data["next_start"] is None


def test_an_all_day_date_keeps_its_day(client, event_index):
    page = make_event(event_index, title="Выставка")
    page.sessions.first().all_day = True
    session = page.sessions.first()
    session.start = days_from_now(5, hour=0)
    session.end = days_from_now(7, hour=0)
    session.all_day = True
    page.sessions = [session]
    publish(page)
    [date] = get(client, f"/api/v2/pages/{page.pk}/")["sessions"]
    assert date["all_day"] and date["start"] == days_from_now(5, hour=0).isoformat()


@pytest.fixture
def programme(event_index, concert):
    """The concert (12+, paid, Пушкинская карта, in 3 days) and three more events."""
    make_event(
        event_index, title="Сказки", sessions=[(days_from_now(1), None)], age_mark=0,
        audiences=("roditeli",),
    )  # fmt: skip
    make_event(
        event_index, title="Квест", sessions=[(days_from_now(10), None)], age_mark=6,
        audiences=("deti", "podrostki"),
    )  # fmt: skip
    make_event(event_index, title="Вчерашняя лекция", sessions=[(days_from_now(-1), None)])
    make_event(event_index, title="Давняя лекция", sessions=[(days_from_now(-30), None)])
    make_event(event_index, title="Черновик", sessions=[(days_from_now(2), None)], live=False)
    return event_index


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_listing_gives_upcoming_events_by_their_next_date(client, programme, version):
    assert titles(client, version) == ["Сказки", "Концерт", "Квест"]
    assert titles(client, version, archive="1") == ["Вчерашняя лекция", "Давняя лекция"]
    assert titles(client, version, order="title") == ["Квест", "Концерт", "Сказки"]


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_listing_takes_the_afishas_filters(client, programme, version):
    assert titles(client, version, audience="deti") == ["Квест"]
    assert titles(client, version, age="6") == ["Сказки", "Квест"]
    assert titles(client, version, age="5") == ["Сказки"]
    assert titles(client, version, free="1") == ["Сказки", "Квест"]
    assert titles(client, version, pushkin="1") == ["Концерт"]
    assert titles(client, version, day=timezone.localdate().isoformat()) == []
    in_ten_days = (timezone.localdate() + 10 * DAY).isoformat()
    # The concert's second week: 12:00 before 15:00.
    assert titles(client, version, day=in_ten_days) == ["Квест", "Концерт"]
    assert titles(client, version, audience="podrostki", pushkin="1") == ["Концерт"]
    assert titles(client, version, search="Квест") == ["Квест"]


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_bad_filter_values_are_forgiven_as_the_afisha_forgives_them(client, programme, version):
    everything = titles(client, version)
    for params in [{"age": "много"}, {"day": "вчера"}, {"when": "никогда"}, {"free": "может"}]:
        assert titles(client, version, **params) == everything, params


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_filters_of_the_afisha_need_its_type_and_news_keep_their_date(
    client, programme, news_index, version
):
    make_news(news_index, title="Новость дня", date=datetime.date(2026, 11, 1))
    other_type = client.get(f"/api/{version}/pages/", {"type": "news.NewsPage", "age": "6"})
    assert other_type.status_code == 400
    assert client.get(f"/api/{version}/pages/", {"audience": "deti"}).status_code == 400
    news = get(client, f"/api/{version}/pages/", type="news.NewsPage", date="2026-11-01")
    if version == "v2":  # Wagtail's field filters: v3 takes none but the listed ones
        assert [item["title"] for item in news["items"]] == ["Новость дня"]


def test_hidden_events_stay_out_of_both_apis(client, programme):
    secret = make_event(programme, title="Закрытая встреча", sessions=[(days_from_now(4), None)])
    restrict(secret)
    for version in ("v2", "v3"):
        assert "Закрытая встреча" not in titles(client, version)
        assert "Черновик" not in titles(client, version)
        assert client.get(f"/api/{version}/pages/{secret.pk}/").status_code == 404


def test_an_unpublished_partner_stays_out_of_a_listing_too(client, concert):
    items = get(client, "/api/v2/pages/", type=EVENTS, fields="partners")["items"]
    assert [p["short_name"] for p in items[0]["partners"]] == ["ЦСДБ Минска"]
    assert Partner.objects.count() == 2


def test_openapi_types_the_events_fields_and_lists_its_filters(client, event_index):
    document = get(client, "/api/v3/openapi.json")
    parameters = {p["name"] for p in document["paths"]["/api/v3/pages/"]["get"]["parameters"]}
    assert {"when", "day", "audience", "age", "free", "pushkin", "archive"} <= parameters
    schemas = document["components"]["schemas"]
    event = schemas["EventPageSchema"]["properties"]
    assert "EventSessionData" in json.dumps(event["sessions"])
    assert "RegistrationData" in json.dumps(event["registration"])
    assert "AudienceData" in json.dumps(event["audiences"])
    assert "EventPartnerData" in json.dumps(event["partners"])
    assert "date-time" in json.dumps(event["next_start"])
    assert schemas["EventSessionData"]["properties"]["start"]["format"] == "date-time"
    assert event["age_mark"]["type"] == "string" and event["min_age"]["type"] == "integer"


def test_the_afisha_page_gives_its_intro_in_v2_and_v3(client, event_index):
    event_index.intro = "Что будет в библиотеке"
    publish(event_index)
    for version in ("v2", "v3"):
        assert get(client, f"/api/{version}/pages/{event_index.pk}/")["intro"] == event_index.intro
