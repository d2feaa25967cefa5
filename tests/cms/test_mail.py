"""The site's one rule for sending mail (cms.mail): a mail server outage costs the mail, not
the request that sends it. The apps' own tests post through it with the server down
(tests/news/test_comments_mail_down.py, tests/feedback/test_mail_down.py)."""

import logging
import smtplib
import subprocess
import sys

from cms.mail import send_or_warn
from tests.cms.test_deploy import PRODUCTION_ENV, ROOT, clean_environ


def fail_with(error):
    def send():
        raise error

    return send


def test_a_mail_server_error_is_one_warning_line(caplog):
    assert send_or_warn(lambda: None, "ok")
    assert not send_or_warn(fail_with(ConnectionRefusedError(111, "refused")), "comment 7")
    assert not send_or_warn(fail_with(smtplib.SMTPServerDisconnected()), "request 2026-1")
    assert {r.levelno for r in caplog.records} == {logging.WARNING}
    assert not any(r.exc_info for r in caplog.records)  # no traceback
    assert [r.getMessage() for r in caplog.records] == [
        "E-mail not sent (comment 7): ConnectionRefusedError: [Errno 111] refused",
        "E-mail not sent (request 2026-1): SMTPServerDisconnected",
    ]


def test_a_bug_in_a_mail_is_logged_in_full_and_the_caller_goes_on(caplog):
    assert not send_or_warn(fail_with(KeyError("template")), "comment 8")
    assert caplog.records[0].levelno == logging.ERROR and caplog.records[0].exc_info


def test_production_gives_up_on_a_hung_mail_server():
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.EMAIL_TIMEOUT)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean_environ() | PRODUCTION_ENV,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == "5", result.stderr
