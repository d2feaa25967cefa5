"""The sign-up form a reader fills in: the dates with their free seats, Russian errors that
keep what was typed, «Вы записаны» / «Вы в листе ожидания» after a redirect, the e-mails with
the cancel link, and the spam guards."""

import datetime
import re

import pytest

from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cms.models import SiteSettings
from events.models import EventOccurrence, Registration
from events.signup_forms import when
from events.signups import EventSignUp, SignUpStatus
from tests.task_queue import queued, run_queued_tasks

from .helpers import local, make_event, make_event_index
from .signup_helpers import form_data, make_signup_event, sign_up_reader, tomorrow_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_index(home):
    return make_event_index(home)


@pytest.fixture
def event(event_index):
    return make_signup_event(event_index, seat_limit=3)


def sign_up_url(event):
    return event.url + "zapis/"


def render_registration(page):
    request = RequestFactory().get(page.url)
    return render_to_string(
        "events/includes/registration.html", page.get_context(request), request=request
    )


def test_the_date_chooser_shows_the_free_seats_in_russian(event):
    occurrence = event.occurrences.get()
    sign_up_reader(occurrence, 1)

    html = render_registration(event)

    assert "осталось 2 места" in html
    assert f'action="{event.url}zapis/#signup-form-errors"' in html
    for _ in range(2, 5):
        sign_up_reader(occurrence, _)
    assert "мест нет, запись в лист ожидания" in render_registration(event)


def test_the_consent_links_the_policy_of_the_site_settings(event, standard_page, home):
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.policy_page = standard_page
    site_settings.save()

    html = render_registration(event)

    assert f'<a href="{standard_page.url}" target="_blank"' in html
    assert "политикой обработки персональных данных" in html


def test_an_external_registration_is_a_link_and_none_is_nothing(event_index):
    external = make_event(
        event_index,
        title="Концерт",
        registration=Registration.EXTERNAL,
        registration_url="https://example.org/zapis",
    )
    silent = make_event(event_index, title="Выставка")

    assert 'href="https://example.org/zapis"' in render_registration(external)
    assert "<form" not in render_registration(external)
    assert render_registration(silent).strip() == ""


def test_a_sign_up_is_stored_and_the_reader_sees_it_after_a_redirect(client, event):
    occurrence = event.occurrences.get()

    response = client.post(sign_up_url(event), form_data(occurrence, seats=2, child_age=7))

    record = EventSignUp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == record.landing_path()
    assert (record.status, record.seats, record.child_age) == ("confirmed", 2, 7)
    assert record.consent_policy_version == "1" and record.consent_at and record.mail_sent
    landing = client.get(response["Location"])
    assert "Вы записаны" in landing.content.decode()
    assert "private" in landing["Cache-Control"] or "no-cache" in landing["Cache-Control"]
    (message,) = mail.outbox
    assert message.subject == f"Вы записаны: {event.title}"
    assert message.to == ["reader1@example.org"]
    assert "Зал 1" in message.body
    assert f"http://testserver{record.cancel_path()}" in message.body


def test_a_reader_past_the_seats_is_told_they_wait_and_their_place(client, event):
    occurrence = event.occurrences.get()
    for number in range(3):
        sign_up_reader(occurrence, number)

    response = client.post(sign_up_url(event), form_data(occurrence, 7), follow=True)

    html = response.content.decode()
    assert "Вы в листе ожидания" in html and "Вы записаны" not in html
    assert "Ваш номер в очереди — <strong>1</strong>" in html
    (message,) = mail.outbox
    assert message.subject.startswith("Вы в листе ожидания")
    assert "номер в очереди — 1" in message.body


def test_a_refused_form_keeps_what_was_typed_and_says_what_to_fix(client, event):
    occurrence = event.occurrences.get()
    data = form_data(occurrence, email="не-адрес", consent="", comment="Будем с бабушкой")

    response = client.post(sign_up_url(event), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Вы не записаны: исправьте отмеченные поля." in html
    assert "Проверьте адрес электронной почты." in html
    assert "Без согласия на обработку персональных данных мы не можем вас записать." in html
    assert 'value="не-адрес"' in html and "Будем с бабушкой" in html
    assert re.search(rf'<option value="{occurrence.pk}" selected>', html)
    assert not EventSignUp.objects.exists()
    assert "no-cache" in response["Cache-Control"]


def test_a_reader_gives_an_email_or_a_phone(client, event):
    occurrence = event.occurrences.get()

    refused = client.post(sign_up_url(event), form_data(occurrence, email=""))
    assert "Укажите электронную почту или телефон" in refused.content.decode()

    by_phone = client.post(sign_up_url(event), form_data(occurrence, email="", phone="8 900 1"))
    assert by_phone.status_code == 302
    assert EventSignUp.objects.get().phone == "8 900 1"
    assert mail.outbox == []  # nobody to write to: the landing page has the cancel link
    assert "Сохраните адрес этой страницы" in client.get(by_phone["Location"]).content.decode()


def test_a_full_date_without_a_waiting_list_refuses_in_russian(client, event_index):
    event = make_signup_event(event_index, seat_limit=1, waiting_list=False)
    occurrence = event.occurrences.get()
    sign_up_reader(occurrence, 1)

    response = client.post(sign_up_url(event), form_data(occurrence, 2))

    html = response.content.decode()
    assert "Свободных мест на эту дату нет." in html
    assert "мест нет</option>" in html
    assert EventSignUp.objects.count() == 1


def test_the_honeypot_stores_nothing(client, event):
    response = client.post(sign_up_url(event), form_data(event.occurrences.get(), website="x"))

    assert "Форма заполнена автоматически" in response.content.decode()
    assert not EventSignUp.objects.exists()


def test_sign_ups_past_the_rate_limit_are_refused(client, event, settings):
    settings.EVENT_SIGNUP_RATE_LIMIT = 2
    occurrence = event.occurrences.get()
    statuses = [
        client.post(sign_up_url(event), form_data(occurrence, number)).status_code
        for number in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert EventSignUp.objects.count() == 2


def test_an_event_without_the_form_has_no_sign_up_page(client, event_index):
    event = make_event(event_index)

    assert client.get(sign_up_url(event)).status_code == 404
    assert client.post(sign_up_url(event), {}).status_code == 404


def test_cancelling_asks_first_then_frees_the_seat_and_writes_to_the_next(client, event_index):
    event = make_signup_event(event_index, seat_limit=1)
    occurrence = event.occurrences.get()
    first, waiting = sign_up_reader(occurrence, 1), sign_up_reader(occurrence, 2)

    asked = client.get(first.cancel_path())
    assert "Отменить запись?" in asked.content.decode()
    first.refresh_from_db()
    assert first.status == SignUpStatus.CONFIRMED  # opening the link cancels nothing

    response = client.post(first.cancel_path(), follow=True)

    assert "Запись отменена" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.CONFIRMED
    (message,) = mail.outbox
    assert message.to == ["reader2@example.org"]
    assert message.subject == f"Место освободилось — вы записаны: {event.title}"


def test_an_unknown_key_or_another_events_key_finds_nothing(client, event, event_index):
    record = sign_up_reader(event.occurrences.get())
    other = make_signup_event(event_index, title="Другое")

    assert client.get(f"{event.url}zapis/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get(f"{other.url}zapis/{record.key}/").status_code == 404


def test_the_confirmation_waits_in_the_workers_queue(client, event, task_queue):
    response = client.post(sign_up_url(event), form_data(event.occurrences.get()))

    assert response.status_code == 302
    assert queued("deliver_email").count() == 1 and mail.outbox == []
    run_queued_tasks()
    assert [message.subject for message in mail.outbox] == [f"Вы записаны: {event.title}"]


def test_the_form_costs_the_same_queries_for_one_date_and_for_twenty(
    event_index,
):
    start = tomorrow_at(12)
    single = make_signup_event(event_index, title="Один раз")
    weekly = make_signup_event(
        event_index,
        title="Клуб",
        sessions=[(start, start + datetime.timedelta(hours=1))],
        weekly_until=(start + datetime.timedelta(weeks=19)).date(),
    )
    assert weekly.occurrences.count() == 20
    render_registration(single)  # the site and its settings, read once per process
    counts = []
    for page in (single, weekly):
        page = type(page).objects.get(pk=page.pk)
        with CaptureQueriesContext(connection) as queries:
            render_registration(page)
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_date_is_named_with_its_weekday_in_lower_case_as_russian_writes_it():
    saturday = EventOccurrence(start=local(2026, 12, 5, 12), all_day=False)

    assert when(saturday) == "5 декабря 2026, суббота, 12:00"
