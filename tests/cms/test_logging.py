"""Development and production print each log line once; production mails errors to ADMINS."""

import re
import subprocess
import sys

import pytest

from tests.cms.test_deploy import PRODUCTION_ENV, ROOT, clean_environ

# What a request for a missing page, runserver, the project's code and a server error log,
# through the loggers Django and the project use; then the e-mails sent to ADMINS.
LOG_LINES = """
import logging, sys
import django
django.setup()
from django.core import mail
logging.getLogger("django.request").warning("Not Found: %s", "/net-takoj-stranicy/")
logging.getLogger("django.server").info('"GET /net-takoj-stranicy/ HTTP/1.1" 404 5257')
logging.getLogger("cms.renditions").warning("Image 7: file missing, renditions not made")
try:
    raise ValueError("сломалось")
except ValueError:
    logging.getLogger("django.request").error("Internal Server Error: /oshibka/", exc_info=True)
print(len(getattr(mail, "outbox", [])), file=sys.stdout)
"""

DEV_ENV = {"DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
PRODUCTION_MAIL_ENV = PRODUCTION_ENV | {
    "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "TASKS_BACKEND": "immediate",
    "ADMINS": "admin@example.org",
    "LOG_LEVEL": "INFO",
}


def run_logging(env, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", LOG_LINES],
        cwd=ROOT,
        env=clean_environ() | {"DATA_DIR": str(tmp_path)} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr, int(result.stdout.strip())


@pytest.mark.parametrize("env", [DEV_ENV, PRODUCTION_MAIL_ENV], ids=["dev", "production"])
def test_each_log_line_is_printed_once(env, tmp_path):
    output, _ = run_logging(env, tmp_path)
    assert re.search(r'^\[.+\] "GET /net-takoj-stranicy/ HTTP/1.1" 404 5257$', output, re.M)
    for line in (
        "Not Found: /net-takoj-stranicy/",
        '"GET /net-takoj-stranicy/ HTTP/1.1" 404 5257',
        "Image 7: file missing, renditions not made",
        "Internal Server Error: /oshibka/",
        "ValueError: сломалось",
    ):
        assert output.count(line) == 1, output


def test_production_still_mails_server_errors_to_admins(tmp_path):
    assert run_logging(PRODUCTION_MAIL_ENV, tmp_path)[1] == 1
