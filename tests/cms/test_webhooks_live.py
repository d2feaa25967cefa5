"""Webhooks as production runs them: gunicorn and `manage.py worker` on one SQLite file. An
editor publishes a news item in the admin; the signed POST reaches a real receiver within
seconds, and the publish does not wait for it."""

import re
import subprocess
import sys
import time

import pytest
import requests

from tests.cms.test_worker import WorkerProcess
from tests.news.test_editor import news_form
from tests.redis_stand_in import free_port
from tests.webhook_receiver import WebhookReceiver
from tooling.gunicorn import Gunicorn
from tooling.production import ROOT, manage, migrate, production_env

SECRET = "секрет-городского-портала"
PASSWORD = "veb-huki-v-rabote"


class Image:  # news_form wants the image's id only
    def __init__(self, pk):
        self.pk = pk


@pytest.fixture(scope="module")
def receiver():
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def site(tmp_path_factory, receiver):
    folder = tmp_path_factory.mktemp("webhook-site")
    port = free_port()
    env = production_env(folder) | {"TASK_RETRY_DELAYS": "1,1,1", "LOG_LEVEL": "INFO"}
    env.pop("REDIS_URL", None)
    static = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env
    )
    migrate(env)
    assert static.wait() == 0
    manage(env, "shell", "-v0", "-c", f"from tests.cms.restart_content import build; build({port})")
    made = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c",
         "from tests.cms.webhook_live_content import build; "
         f"build({receiver.url!r}, {SECRET!r}, {PASSWORD!r})"],
        cwd=ROOT, env=env | {"TASKS_BACKEND": "immediate"}, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    index_id, image_id = map(int, made.stdout.split()[-2:])
    with (
        Gunicorn(env, port, 1, folder / "gunicorn.log") as server,
        WorkerProcess(env, folder / "worker.log") as worker,
    ):
        deadline = time.time() + 60
        while requests.get(f"{server.base_url}/readyz/", timeout=10).status_code != 200:
            assert time.time() < deadline, worker.output()  # the worker has not ticked yet
            time.sleep(0.5)
        yield server.base_url, index_id, image_id, worker


class PlainHttpSession(requests.Session):
    """Production marks its cookies Secure; this test speaks plain HTTP to 127.0.0.1."""

    def request(self, *args, **kwargs):
        answer = super().request(*args, **kwargs | {"timeout": 30, "allow_redirects": False})
        for cookie in self.cookies:
            cookie.secure = False
        return answer


def signed_in(base_url):
    session = PlainHttpSession()
    token = csrf_token(session.get(f"{base_url}/admin/login/").text)
    answer = session.post(
        f"{base_url}/admin/login/",
        data={"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert answer.status_code == 302, answer.text[:2000]
    return session


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_publish_in_the_admin_reaches_the_receiver_signed_within_seconds(site, receiver):
    base_url, index_id, image_id, worker = site
    editor = signed_in(base_url)
    add = f"{base_url}/admin/pages/add/news/newspage/{index_id}/"
    token = csrf_token(editor.get(add).text)
    title = "Открытие выставки «Книги моего детства»"
    data = news_form(Image(image_id)) | {"action-publish": "publish", "csrfmiddlewaretoken": token}

    started = time.time()
    answer = editor.post(add, data=data)
    publish_seconds = time.time() - started
    assert answer.status_code == 302, answer.text[:3000]

    deadline = started + 30
    while not receiver.received:
        assert time.time() < deadline, worker.output()
        time.sleep(0.05)
    arrived_after = time.time() - started
    [post] = receiver.received
    assert post.signed_with(SECRET)
    assert post.payload["event"] == "page.published"
    assert post.payload["object"]["title"] == title
    print(
        f"publish answered in {publish_seconds:.2f} s; "
        f"the signed POST arrived {arrived_after:.2f} s after the editor clicked"
    )
    assert arrived_after < 10, worker.output()
