"""Building events readers sign up for through the site, and their sign-ups."""

import datetime

from django.utils import timezone

from events.models import Registration
from events.signups import sign_up

from .helpers import local, make_event


def tomorrow_at(hour):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return local(day.year, day.month, day.day, hour)


def make_signup_event(event_index, seat_limit=10, waiting_list=True, **fields):
    """A published event with the site's form, one date tomorrow 12:00–13:00 by default."""
    return make_event(
        event_index,
        title=fields.pop("title", "Мастер-класс"),
        registration=Registration.FORM,
        seat_limit=seat_limit,
        waiting_list=waiting_list,
        **fields,
    )


def reader(number=1, **fields):
    """A reader's sign-up fields, each reader with their own e-mail."""
    return {"name": f"Читатель {number}", "email": f"reader{number}@example.org"} | fields


def sign_up_reader(occurrence, number=1, **fields):
    return sign_up(occurrence.pk, policy_version="1", **reader(number, **fields))


def form_data(occurrence, number=1, **fields):
    """What the page's form posts for one reader."""
    data = {
        "occurrence": occurrence.pk,
        "name": f"Читатель {number}",
        "email": f"reader{number}@example.org",
        "phone": "",
        "seats": 1,
        "child_age": "",
        "comment": "",
        "consent": "on",
        "website": "",
    }
    return data | fields
