"""TASKS_BACKEND=rq: the same mail, queued in Redis (django-tasks-rq) instead of the database
and delivered by the same `manage.py worker`, to a real SMTP server."""

import subprocess
import sys

from aiosmtpd.controller import Controller

from tests.cms.test_worker import Mailbox
from tests.redis_stand_in import free_port, redis_server
from tooling.production import ROOT, production_env

SEND = (
    "from django.core.mail import send_mail; "
    "send_mail('Обращение № 2026-000009 принято', 'Текст', 'noreply@kemrsl.ru', "
    "['reader@example.org'])"
)


def manage(env, *command):
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_mail_waits_in_redis_until_the_worker_delivers_it(tmp_path):
    mailbox, smtp_port = Mailbox(), free_port()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    try:
        with redis_server() as redis_url:
            env = production_env(tmp_path) | {
                "TASKS_BACKEND": "rq",
                "REDIS_URL": redis_url,
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp_port),
            }
            sent = manage(env, "shell", "-v0", "-c", SEND)
            assert sent.returncode == 0, sent.stderr
            assert mailbox.messages == []  # queued, not sent by the process that wrote it

            worked = manage(env, "worker", "--burst")
            assert worked.returncode == 0, worked.stderr
    finally:
        smtp.stop()
    [message] = mailbox.messages
    assert "reader@example.org" in message
