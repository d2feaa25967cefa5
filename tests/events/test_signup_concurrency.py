"""Fifty readers press «Записаться» at the same moment for ten seats (a live server,
PostgreSQL): exactly ten are confirmed and forty wait, numbered 1–40 in the order they were
stored, and nobody is told they are signed up who is not."""

import re
import threading

import pytest
import requests

from django.db import connection

from events.signups import EventSignUp

from .helpers import make_event_index
from .signup_helpers import form_data, make_signup_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

READERS = 50
SEATS = 10


@pytest.fixture
def event(home, settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write: concurrent sign-ups need PostgreSQL")
    settings.EVENT_SIGNUP_RATE_LIMIT = READERS  # one address sends them all
    return make_signup_event(make_event_index(home), seat_limit=SEATS)


def post_at_once(url, bodies, cookies):
    """POST every form from its own thread, released together; the pages they end on."""
    start = threading.Barrier(len(bodies))
    landings = []

    def send(body):
        start.wait()
        for attempt in range(3):
            try:
                response = requests.post(
                    url, data=body, cookies=cookies, headers={"Referer": url}, timeout=60
                )
                landings.append(response.text)
                return
            except requests.ConnectionError:
                # The test server's listen queue (10) overflowed: the post never arrived.
                if attempt == 2:
                    raise

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return landings


def test_fifty_readers_at_once_for_ten_seats_give_ten_confirmed_and_forty_waiting(
    live_server, event
):
    url = f"{live_server.url}{event.url}zapis/"
    form = requests.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
    occurrence = event.occurrences.get()
    bodies = [
        form_data(occurrence, number) | {"csrfmiddlewaretoken": token} for number in range(READERS)
    ]

    landings = post_at_once(url, bodies, form.cookies)

    confirmed = EventSignUp.objects.filter(status="confirmed")
    waiting = EventSignUp.objects.filter(status="waiting").order_by("waiting_position")
    assert confirmed.count() == SEATS
    assert list(waiting.values_list("waiting_position", flat=True)) == list(range(1, 41))
    in_line = list(waiting.values_list("pk", flat=True))
    assert in_line == sorted(in_line)  # stored in the order they were numbered
    assert sum("<h1>Вы записаны</h1>" in page for page in landings) == SEATS
    assert sum("<h1>Вы в листе ожидания</h1>" in page for page in landings) == READERS - SEATS
