"""With the mail server down, «Решаем вместе» loses no request and never answers 500: the
reader gets the number on the page (and is told the e-mail copy did not go), staff see the
request in the admin, a warning says what was not sent."""

import json
import logging

import pytest

from feedback.models import FeedbackRequest
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data
from tests.mail_down import mail_server_down  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mail_server_down")]

NOT_MAILED = "Письмо с номером отправить не удалось"


@pytest.fixture
def page(home):
    reset_rate_limit()
    yield make_feedback_page(home)
    reset_rate_limit()


def mail_warnings(caplog):
    return [r for r in caplog.records if r.levelno == logging.WARNING and "mail" in r.message]


def test_a_request_from_the_form_is_stored_and_its_number_shown(client, page, caplog):
    response = client.post(page.url, valid_data(client, page))

    assert response.status_code == 302
    feedback_request = FeedbackRequest.objects.get()
    assert not feedback_request.receipt_sent
    landing = client.get(response["Location"]).content.decode()
    assert feedback_request.number in landing
    assert NOT_MAILED in landing
    assert "Мы также отправили" not in landing
    assert len(mail_warnings(caplog)) == 2  # the reader's copy and the staff notice
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_request_from_the_api_is_stored_and_numbered(client, page, caplog):
    data = valid_data(client, page) | {"consent": True}
    response = client.post(
        f"/api/v2/feedback/{page.pk}/", json.dumps(data), content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["number"] == FeedbackRequest.objects.get().number
    assert len(mail_warnings(caplog)) == 2
