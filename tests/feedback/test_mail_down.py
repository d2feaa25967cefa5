"""With the mail server down, «Решаем вместе» loses no request and never answers 500: the
reader gets the number on the page, staff see the request in the admin, and both e-mails wait
in the queue, the worker trying them again later (tests/cms/test_mail.py, test_worker.py)."""

import json
import logging

import pytest

from feedback.models import FeedbackRequest
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data
from tests.mail_down import mail_server_down  # noqa: F401 - a fixture
from tests.task_queue import queued, run_queued_tasks

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("mail_server_down", "task_queue"),
]


@pytest.fixture
def page(home):
    reset_rate_limit()
    yield make_feedback_page(home)
    reset_rate_limit()


def retried_later(caplog):
    return [r for r in caplog.records if r.levelno == logging.WARNING and "next in" in r.message]


def test_a_request_from_the_form_is_stored_its_number_shown_and_its_mails_kept(
    client, page, caplog
):
    response = client.post(page.url, valid_data(client, page))

    assert response.status_code == 302
    feedback_request = FeedbackRequest.objects.get()
    landing = client.get(response["Location"]).content.decode()
    assert feedback_request.number in landing
    assert "Мы также отправим его" in landing
    assert queued("deliver_email").count() == 2  # the reader's copy and the staff notice

    run_queued_tasks()  # renditions, the search index … and the two mails
    assert len(retried_later(caplog)) == 2
    assert queued("deliver_email").count() == 2  # again, to run in a minute
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_request_from_the_api_is_stored_and_numbered(client, page):
    data = valid_data(client, page) | {"consent": True}
    response = client.post(
        f"/api/v2/feedback/{page.pk}/", json.dumps(data), content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["number"] == FeedbackRequest.objects.get().number
    assert queued("deliver_email").count() == 2
