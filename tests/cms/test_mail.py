"""Every e-mail of the site waits in the task queue (cms.mail) and the worker delivers it: an
outage of the mail server costs a retry, never the mail nor the request that sends it. The
apps' own tests post through it with the server down (tests/news/test_comments_mail_down.py,
tests/feedback/test_mail_down.py); tests/cms/test_worker.py ends an outage with a real one."""

import logging
import subprocess
import sys

import pytest

from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail

from cms.mail import message_from_data, message_to_data, send_or_warn
from tests.cms.test_deploy import PRODUCTION_ENV, ROOT, clean_environ
from tests.mail_down import mail_server_down  # noqa: F401 - a fixture
from tests.task_queue import queued, run_queued_tasks

pytestmark = pytest.mark.django_db


def test_sending_only_queues_the_mail(task_queue):
    send_mail("Тема", "Текст", "noreply@kemrsl.ru", ["reader@example.org"])

    assert mail.outbox == []
    assert queued("deliver_email").count() == 1
    run_queued_tasks()
    assert [message.subject for message in mail.outbox] == ["Тема"]
    assert not queued("deliver_email").exists()


def test_a_message_survives_the_queue_whole():
    message = EmailMultiAlternatives(
        "Обращение № 2026-000007", "Текст", "noreply@kemrsl.ru", ["a@example.org"],
        cc=["b@example.org"], bcc=["c@example.org"], reply_to=["d@example.org"],
        headers={"X-Request": "7"},
    )  # fmt: skip
    message.attach_alternative("<p>Текст</p>", "text/html")
    message.attach("заявка.csv", "номер;статус\n", "text/csv")
    message.attach("logo.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png")

    copy = message_from_data(message_to_data(message))

    for attribute in ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to"):
        assert getattr(copy, attribute) == getattr(message, attribute)
    assert copy.extra_headers == {"X-Request": "7"}
    assert copy.alternatives[0][:2] == ("<p>Текст</p>", "text/html")
    assert [tuple(a) for a in copy.attachments] == [tuple(a) for a in message.attachments]


@pytest.mark.usefixtures("mail_server_down")
def test_the_mail_is_tried_again_later_while_the_server_is_down(task_queue, caplog):
    send_mail("Новый комментарий", "Текст", "noreply@kemrsl.ru", ["moderator@example.org"])

    run_queued_tasks()

    [retry] = queued("deliver_email")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert 55 <= (retry.run_after - retry.enqueued_at).total_seconds() <= 65
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert "«Новый комментарий» to 1 recipient(s) failed (attempt 1" in warning.getMessage()
    assert "next in 60 s" in warning.getMessage()
    assert not warning.exc_info  # one line, no traceback


@pytest.mark.usefixtures("mail_server_down")
def test_the_mail_is_given_up_with_an_error_once_the_retries_are_used(task_queue, settings, caplog):
    settings.TASK_RETRY_DELAYS = [0, 0]
    send_mail("Ответ на обращение", "Текст", "noreply@kemrsl.ru", ["reader@example.org"])

    for _ in range(3):
        run_queued_tasks()

    assert not queued("deliver_email").exists()
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert errors[0].startswith("e-mail «Ответ на обращение» to 1 recipient(s): given up after 3")


def test_a_failure_to_queue_is_logged_in_full_and_the_caller_goes_on(caplog):
    def send():
        raise KeyError("template")

    assert not send_or_warn(send, "comment 8")
    assert caplog.records[0].levelno == logging.ERROR and caplog.records[0].exc_info


def test_production_gives_up_on_a_hung_mail_server():
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.EMAIL_TIMEOUT, settings.EMAIL_BACKEND)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean_environ() | PRODUCTION_ENV,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.split() == ["5", "cms.mail.QueuedEmailBackend"], result.stderr
