"""Request numbers stay unique and sequential when readers submit at the same moment."""

import threading

import pytest

from django.db import connection

from feedback.models import FeedbackRequest
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data

READERS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_sequential_numbers(home, settings):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite locks the whole database per write; the row lock needs PostgreSQL")
    from django.test import Client

    settings.FEEDBACK_RATE_LIMIT = 1000
    reset_rate_limit()
    page = make_feedback_page(home, to_address="")
    clients = [Client() for _ in range(READERS)]
    forms = [valid_data(client, page) for client in clients]
    start = threading.Barrier(READERS)
    statuses = []

    def submit(client, data):
        try:
            start.wait()
            statuses.append(client.post(page.url, data).status_code)
        finally:
            connection.close()  # each thread has its own connection; free it for teardown

    threads = [
        threading.Thread(target=submit, args=pair) for pair in zip(clients, forms, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reset_rate_limit()

    assert statuses == [302] * READERS
    numbers = sorted(FeedbackRequest.objects.values_list("number", flat=True))
    assert len(numbers) == READERS
    assert [int(number[-6:]) for number in numbers] == list(range(1, READERS + 1))
