"""The worker as `make run` and production run it: `manage.py worker` beside gunicorn on one
SQLite file, production settings, nothing else started. A news item scheduled a few seconds
ahead goes live and into the cached news index by itself; the mails of comments posted while
the mail server is down all arrive, once each, soon after it is back."""

import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest
import requests
from aiosmtpd.controller import Controller

from tests.redis_stand_in import free_port
from tooling.gunicorn import Gunicorn
from tooling.production import ROOT, manage, migrate, production_env

SCHEDULE_SECONDS = 2  # SCHEDULED_PUBLISHING_SECONDS; production's is 60
RETRY_DELAYS = "1,1,1,2,2,3,5,5,10"  # TASK_RETRY_DELAYS, in seconds; production's are minutes


class WorkerProcess:
    def __init__(self, env, log_path):
        self.env, self.log_path = env, log_path

    def __enter__(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "worker"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        return self

    def __exit__(self, *exc_info):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        finally:
            self.log.close()

    def output(self):
        return self.log_path.read_text()


class Mailbox:
    """A real SMTP server (aiosmtpd) that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 Message accepted"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("worker-site")
    port, smtp_port = free_port(), free_port()
    env = production_env(folder) | {
        "SCHEDULED_PUBLISHING_SECONDS": str(SCHEDULE_SECONDS),
        "TASK_RETRY_DELAYS": RETRY_DELAYS,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "2",
        "COMMENTS_MODERATOR_EMAILS": "moderator@example.org",
        "LOG_LEVEL": "INFO",
    }
    env.pop("REDIS_URL", None)
    env.pop("CLIENT_IP_HEADER", None)
    static = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env
    )
    migrate(env)
    assert static.wait() == 0
    build = f"from tests.cms.restart_content import build; build({port})"
    manage(env, "shell", "-v0", "-c", build)
    with (
        Gunicorn(env, port, 1, folder / "gunicorn.log") as server,
        WorkerProcess(env, folder / "worker.log") as worker,
    ):
        yield server.base_url, env, smtp_port, worker


def page_path(base_url, page_type):
    """The first page of the type (restart_content built one) and its path."""
    listing = requests.get(f"{base_url}/api/v2/pages/", params={"type": page_type}, timeout=10)
    item = listing.json()["items"][0]
    return item, urlsplit(item["meta"]["html_url"]).path


def test_scheduled_news_goes_live_and_into_the_cached_index_by_itself(site):
    base_url, env, _, worker = site
    _, index = page_path(base_url, "news.NewsIndexPage")
    requests.get(base_url + index, timeout=10)
    assert requests.get(base_url + index, timeout=10).headers["X-Page-Cache"] == "hit"

    title = "Новость, назначенная на потом"
    scheduled = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c",
         f"from tests.cms.worker_content import schedule_news; schedule_news({title!r}, 5)"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    go_live = float(scheduled.stdout.split()[-1])
    before = requests.get(base_url + index, timeout=10).text
    if time.time() < go_live:  # on a loaded machine the shell may end after the go-live time
        assert title not in before

    deadline = go_live + 30
    while title not in requests.get(base_url + index, timeout=10).text:
        assert time.time() < deadline, worker.output()
        time.sleep(0.2)
    visible_after = time.time() - go_live
    # The next publishing slot, the scheduler's tick (5 s) and the worker's poll (1 s).
    assert visible_after < SCHEDULE_SECONDS + 5 + 1 + 3, worker.output()
    # Rendered afresh for this reader, or already warmed by the worker after the publish
    # (cms.warming); either way the index is cached again for the next one.
    assert requests.get(base_url + index, timeout=10).headers["X-Page-Cache"] == "hit"
    print(f"scheduled news visible {visible_after:.1f} s after its go-live time")


def test_mail_posted_while_the_server_is_down_arrives_once_it_is_back(site):
    base_url, _, smtp_port, worker = site
    article, _ = page_path(base_url, "news.NewsPage")
    for number in range(3):
        response = requests.post(
            f"{base_url}/api/v2/comments/",
            json={"page": article["id"], "name": "Гость", "email": "guest@example.org",
                  "comment": f"Комментарий без почты № {number}", "consent": True},
            timeout=10,
        )  # fmt: skip
        assert response.status_code == 201, response.text

    deadline = time.time() + 30
    while worker.output().count("failed (attempt 1") < 3:
        assert time.time() < deadline, worker.output()
        time.sleep(0.2)

    mailbox = Mailbox()
    server = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    server.start()
    back = time.time()
    try:
        deadline = back + 30
        while len(mailbox.messages) < 3:
            assert time.time() < deadline, worker.output()
            time.sleep(0.1)
        delivered_after = time.time() - back
        time.sleep(2)  # nothing more comes: each mail once
    finally:
        server.stop()
    assert len(mailbox.messages) == 3
    assert all("moderator@example.org" in message for message in mailbox.messages)
    print(f"3 mails delivered {delivered_after:.1f} s after the mail server came back")


def test_readyz_sees_the_running_worker(site):
    """/readyz/ (cms.health) passes on this production stack once the worker has ticked."""
    base_url, _, _, worker = site
    deadline = time.time() + 30
    while (response := requests.get(base_url + "/readyz/", timeout=10)).status_code != 200:
        assert time.time() < deadline, (response.text, worker.output())
        time.sleep(0.5)
    checks = response.json()["checks"]
    assert all(state["status"] == "ok" for state in checks.values())
    assert checks["worker"]["alive"] == 1
    assert checks["worker"]["age_seconds"] < 10
