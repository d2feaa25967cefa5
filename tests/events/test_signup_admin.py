"""Readers' sign-ups in the admin: the «Записи на события» group sees them by event, date and
status, in Russian, and exports them; nobody edits them there, and an event with sign-ups is
not deleted from under its readers."""

import csv
import io

import pytest

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.formats import date_format

from events.signup_admin import SIGN_UPS_GROUP
from tests.cms.admin_text import english_on

from .helpers import make_event_index
from .signup_helpers import make_signup_event, sign_up_reader

pytestmark = pytest.mark.django_db

LIST = "/admin/event-sign-ups/"


@pytest.fixture
def event_index(home):
    return make_event_index(home)


@pytest.fixture
def sign_ups(event_index):
    event = make_signup_event(event_index, title="Мастер-класс по оригами", seat_limit=1)
    occurrence = event.occurrences.get()
    return [sign_up_reader(occurrence, n, phone=f"+7 900 000-00-0{n}") for n in (1, 2)]


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_user("biblio", "b@example.org", "x")
    user.groups.add(Group.objects.get(name=SIGN_UPS_GROUP))
    client.force_login(user)
    return client


def test_the_group_sees_the_sign_ups_in_russian(staff, sign_ups):
    record = sign_ups[0]
    allowed = {"biblio", "Мастер-класс по оригами"}
    for path in [
        LIST,
        f"{LIST}?status=waiting",
        f"{LIST}?event={record.occurrence.page_id}",
        f"{LIST}inspect/{record.pk}/",
    ]:
        response = staff.get(path)
        assert response.status_code == 200, path
        assert english_on(response.content.decode(), allowed) == [], path
    listed = staff.get(f"{LIST}?status=waiting").content.decode()
    assert "Читатель 2" in listed and "Читатель 1" not in listed
    assert "В листе ожидания" in listed
    # The event's date in words, not Wagtail's relative «Только что» for a date to come.
    when = date_format(timezone.localtime(record.occurrence.start), "j E Y, H:i")
    assert when in listed


def test_the_list_exports_to_csv_with_russian_headings(staff, sign_ups):
    response = staff.get(f"{LIST}?export=csv")

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["Имя"], row["Статус"]) for row in rows] == [
        ("Читатель 1", "Записан"), ("Читатель 2", "В листе ожидания"),
    ]  # fmt: skip
    assert rows[0]["Событие"] == "Мастер-класс по оригами"
    assert rows[0]["Телефон"] == "+7 900 000-00-01"  # a phone, not a formula to neutralise
    assert staff.get(f"{LIST}?export=xlsx").status_code == 200


def test_nobody_adds_edits_or_deletes_a_sign_up_in_the_admin(editor, sign_ups):
    record = sign_ups[0]

    assert editor.get(LIST).status_code == 200  # a superuser
    for path in ("add/", f"edit/{record.pk}/", f"delete/{record.pk}/"):
        assert editor.get(f"{LIST}{path}").status_code in (302, 403), path


def test_an_editor_outside_the_group_does_not_see_readers_data(client, django_user_model):
    user = django_user_model.objects.create_user("redaktor", "r@example.org", "x")
    user.groups.add(Group.objects.get(name="Редактор"))
    client.force_login(user)

    assert client.get(LIST).status_code in (302, 403)


def test_an_event_with_sign_ups_is_not_deleted(editor, sign_ups):
    page = sign_ups[0].occurrence.page

    response = editor.post(f"/admin/pages/{page.pk}/delete/", follow=True)

    assert "Страницу нельзя удалить: на события в ней записаны читатели (2)." in (
        response.content.decode()
    )
    assert page.occurrences.get().sign_ups.count() == 2
