"""Readers' sign-ups are personal data: deleted a set number of days after their date,
listed and deleted with the rest of an address by export_personal_data."""

import datetime
import json
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from events.signups import EventSignUp

from .helpers import make_event_index
from .signup_helpers import make_signup_event, sign_up_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_index(home):
    return make_event_index(home)


def event_days_ago(event_index, days, title):
    start = timezone.now() - datetime.timedelta(days=days)
    event = make_signup_event(
        event_index, title=title, sessions=[(start, start + datetime.timedelta(hours=1))]
    )
    return event.occurrences.get()


def test_sign_ups_go_the_set_number_of_days_after_their_date(event_index, settings):
    settings.EVENT_SIGNUP_RETENTION_DAYS = 30
    upcoming = make_signup_event(event_index, title="Завтра").occurrences.get()
    kept = sign_up_reader(upcoming, 1)
    recent = event_days_ago(event_index, 29, "Месяц назад")
    old = event_days_ago(event_index, 31, "Давно")
    # Signed up while the dates were ahead: moved back after, as the clock would.
    for number, occurrence in ((2, recent), (3, old)):
        EventSignUp.objects.create(
            occurrence=occurrence, name=f"Читатель {number}", email=f"r{number}@example.org",
            status="confirmed", consent_policy_version="1", consent_at=timezone.now(),
        )  # fmt: skip

    out = StringIO()
    call_command("purge_event_signups", "--dry-run", stdout=out)
    assert "Would delete 1 sign-up(s)" in out.getvalue()
    assert EventSignUp.objects.count() == 3

    call_command("purge_event_signups", stdout=StringIO())
    assert sorted(EventSignUp.objects.values_list("name", flat=True)) == [
        kept.name, "Читатель 2"
    ]  # fmt: skip
    old.page.delete()  # its readers' data is gone: the event may go too


def test_export_personal_data_lists_and_deletes_the_sign_ups_of_an_address(event_index):
    occurrence = make_signup_event(event_index, title="Лепим из глины").occurrences.get()
    sign_up_reader(occurrence, 1, email="Anna@Example.org", child_age=7)
    sign_up_reader(occurrence, 2)

    out = StringIO()
    call_command("export_personal_data", "anna@example.org", stdout=out, stderr=StringIO())
    (item,) = json.loads(out.getvalue())["event_sign_ups"]
    assert (item["event"], item["child_age"], item["status"]) == ("Лепим из глины", 7, "Записан")

    err = StringIO()
    call_command(
        "export_personal_data", "anna@example.org", "--delete", stdout=StringIO(), stderr=err
    )
    assert "1 sign-up(s)" in err.getvalue()
    assert list(EventSignUp.objects.values_list("email", flat=True)) == ["reader2@example.org"]
