"""An editor announces an event in the Russian admin: the age mark is required, a weekly
session is one row of the form, and a cancelled date is marked, not deleted."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.slugs import slugify_russian
from events.models import EventAudience, EventPage
from tests.cms.test_admin_in_russian import content, english_in_pages

from .helpers import make_event, make_event_index

pytestmark = pytest.mark.django_db

TITLE = "Клуб юных читателей «Книжный шкаф»"


@pytest.fixture
def event_index(home):
    return make_event_index(home)


def next_saturday():
    today = timezone.localdate()
    return today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)


def event_form(**extra):
    """The add form as the admin posts it; lists (the audiences) outside nested_form_data,
    which would number them."""
    saturday = next_saturday()
    audiences = {"audiences": [EventAudience.objects.get(slug="deti").pk], "partners": []}
    return audiences | nested_form_data(
        {
            "title": TITLE,
            "slug": slugify_russian(TITLE),
            "lead": "Читаем и обсуждаем книги каждую субботу.",
            "main_image": "",
            "main_image_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>Приходите с родителями.</p>"))]),
            "sessions": inline_formset(
                [
                    {
                        "start": f"{saturday:%Y-%m-%d} 12:00",
                        "end": f"{saturday:%Y-%m-%d} 13:00",
                        "all_day": "",
                        "cancelled": "",
                        "repeat_weekly_until": f"{saturday + datetime.timedelta(weeks=3):%Y-%m-%d}",
                    }
                ],
                min=1,
            ),
            "cancelled_dates": inline_formset(
                [{"date": f"{saturday + datetime.timedelta(weeks=1):%Y-%m-%d}"}]
            ),
            "place": "Зал семейного чтения",
            "address": "",
            "age_mark": "6",
            "is_free": "on",
            "price": "",
            "pushkin_card": "",
            "ticket_url": "",
            "registration": "none",
            "registration_url": "",
            "seat_limit": "",
            "waiting_list": "on",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            **extra,
        }
    )


def add_url(event_index):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", event_index.pk))


def test_an_event_without_an_age_mark_is_refused_in_russian_and_keeps_what_was_typed(
    editor, event_index
):
    response = editor.post(add_url(event_index), event_form(age_mark="") | {"action-publish": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Требуется заполнить это поле.") == 1  # the age mark, the only one empty
    assert 'value="Клуб юных читателей' in html
    assert not EventPage.objects.exists()


def test_a_paid_event_needs_its_price_and_a_pushkin_card_event_its_ticket_link(editor, event_index):
    data = event_form(is_free="", pushkin_card="on") | {"action-publish": "1"}
    html = editor.post(add_url(event_index), data).content.decode()

    assert "Укажите стоимость или отметьте «Бесплатно»." in html
    assert "Укажите, где купить билет по «Пушкинской карте»." in html
    assert not EventPage.objects.exists()


def test_an_editor_publishes_a_weekly_club_once_and_readers_get_each_date(editor, event_index):
    response = editor.post(add_url(event_index), event_form() | {"action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]

    page = EventPage.objects.get(title=TITLE)
    saturday = next_saturday()
    dates = [(timezone.localdate(o.start), o.cancelled) for o in page.occurrences.order_by("start")]
    assert dates == [(saturday + datetime.timedelta(weeks=week), week == 1) for week in range(4)]
    assert list(page.audiences.values_list("slug", flat=True)) == ["deti"]


def test_the_event_editor_and_the_audiences_list_are_in_russian(editor, event_index):
    event = make_event(event_index, title="Квест по библиотеке")
    paths = [
        f"/admin/pages/{event_index.pk}/",
        add_url(event_index),
        f"/admin/pages/{event.pk}/edit/",
        "/admin/snippets/events/eventaudience/",
    ]

    slugs = set(EventAudience.objects.values_list("slug", flat=True))  # content, Latin
    assert english_in_pages(editor, paths, content() | slugs) == {}
