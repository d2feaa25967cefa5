"""Seats of a date: confirmed while they last, then the waiting list in order, or a clear
refusal; cancelled and past dates take no sign-ups; cancelling gives the seat to the next."""

import pytest

from events.signups import (
    ALREADY,
    CANCELLED_DATE,
    CLOSED,
    FULL,
    NO_FORM,
    SignUpRefused,
    SignUpStatus,
    cancel,
)

from .helpers import local, make_event, make_event_index
from .signup_helpers import make_signup_event, sign_up_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_index(home):
    return make_event_index(home)


def statuses(occurrence):
    return list(occurrence.sign_ups.order_by("pk").values_list("status", "waiting_position"))


def test_seats_are_confirmed_until_the_limit_then_readers_wait_in_order(event_index):
    occurrence = make_signup_event(event_index, seat_limit=3).occurrences.get()

    for number in range(5):
        sign_up_reader(occurrence, number)

    assert statuses(occurrence) == [
        ("confirmed", None), ("confirmed", None), ("confirmed", None),
        ("waiting", 1), ("waiting", 2),
    ]  # fmt: skip
    assert [s.place_in_line() for s in occurrence.sign_ups.waiting()] == [1, 2]


def test_a_family_counts_its_seats(event_index):
    occurrence = make_signup_event(event_index, seat_limit=4).occurrences.get()

    sign_up_reader(occurrence, 1, seats=3)
    family = sign_up_reader(occurrence, 2, seats=2)
    single = sign_up_reader(occurrence, 3, seats=1)

    assert family.status == SignUpStatus.WAITING
    assert single.status == SignUpStatus.CONFIRMED


def test_without_a_waiting_list_a_full_date_refuses_and_stores_nothing(event_index):
    occurrence = make_signup_event(event_index, seat_limit=2, waiting_list=False).occurrences.get()
    sign_up_reader(occurrence, 1, seats=2)

    with pytest.raises(SignUpRefused, match=FULL):
        sign_up_reader(occurrence, 2)
    assert occurrence.sign_ups.count() == 1


def test_no_seat_limit_confirms_everyone(event_index):
    occurrence = make_signup_event(event_index, seat_limit=None).occurrences.get()

    assert {sign_up_reader(occurrence, n).status for n in range(20)} == {"confirmed"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cancelled": True}, CANCELLED_DATE),
        ({"start": local(2020, 1, 1, 12), "end": None}, CLOSED),
    ],
)
def test_a_cancelled_or_past_date_refuses_sign_ups(event_index, change, message):
    occurrence = make_signup_event(event_index).occurrences.get()
    for field, value in change.items():
        setattr(occurrence, field, value)
    occurrence.save()

    with pytest.raises(SignUpRefused, match=message):
        sign_up_reader(occurrence)


def test_an_event_without_the_sites_form_refuses_sign_ups(event_index):
    occurrence = make_event(event_index).occurrences.get()

    with pytest.raises(SignUpRefused, match=NO_FORM):
        sign_up_reader(occurrence)


def test_the_same_reader_is_signed_up_once_per_date_by_email_or_phone(event_index):
    occurrence = make_signup_event(event_index).occurrences.get()
    sign_up_reader(occurrence, 1, phone="+7 (900) 123-45-67")

    with pytest.raises(SignUpRefused, match=ALREADY):
        sign_up_reader(occurrence, 2, email="READER1@example.org")
    with pytest.raises(SignUpRefused, match=ALREADY):
        sign_up_reader(occurrence, 3, phone="79001234567")


def test_cancelling_frees_the_seat_for_the_first_waiting_reader(event_index):
    occurrence = make_signup_event(event_index, seat_limit=1).occurrences.get()
    first = sign_up_reader(occurrence, 1)
    waiting = [sign_up_reader(occurrence, n) for n in (2, 3)]

    cancelled, promoted = cancel(first.key)

    assert cancelled.status == SignUpStatus.CANCELLED and cancelled.cancelled_at
    assert promoted == [waiting[0]]
    assert statuses(occurrence) == [("cancelled", None), ("confirmed", 1), ("waiting", 2)]
    waiting[1].refresh_from_db()
    assert waiting[1].place_in_line() == 1


def test_leaving_the_waiting_list_promotes_nobody_and_may_be_repeated(event_index):
    occurrence = make_signup_event(event_index, seat_limit=1).occurrences.get()
    sign_up_reader(occurrence, 1)
    waiting = sign_up_reader(occurrence, 2)

    assert cancel(waiting.key)[1] == []
    assert cancel(waiting.key)[1] == []
    assert occurrence.sign_ups.confirmed_seats() == 1


def test_a_date_removed_while_readers_are_signed_up_stays_cancelled(event_index):
    event = make_signup_event(event_index)
    occurrence = event.occurrences.get()
    sign_up_reader(occurrence)

    session = event.sessions.get()
    session.start = session.start.replace(hour=15)
    session.end = session.end.replace(hour=16)
    session.save()
    event.save_revision().publish()

    occurrence.refresh_from_db()
    assert occurrence.cancelled
    assert event.occurrences.count() == 2
