"""Two app servers, one state: what an editor or a reader does through one server, the other
serves, and a scheduled job runs once, not once per server.

Two gunicorns under production settings, each with its own worker (`manage.py worker`) and
its own local folders (DATA_DIR, MEDIA_ROOT, COMMENTS_FILES_ROOT, STATIC_ROOT), share only
what a deployment shares: the PostgreSQL database (the test database), one Redis
(REDIS_URL: the page cache and the default cache) and one S3-compatible object store (moto's
server, started here). Everything goes through real HTTP, as an editor, a reader and a
moderator do it; the database is read only to find ids and to count. Figures go to
test-artifacts/two-servers.txt.
"""

import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from cms.models import ScheduledRun, SiteSettings, WorkerHeartbeat
from cms.schedule import TICK_SECONDS
from cms.slugs import slugify_russian
from news.comments.models import CommentAttachment, ReaderComment
from news.comments.moderation import ensure_moderators_group
from news.models import NewsPage
from tests.cms.site_load import Form, comment_fields
from tests.news.test_editor import news_form
from tests.redis_stand_in import redis_server
from tests.s3_stand_in import keys, new_bucket, s3_server, storage_env
from tooling.gunicorn import Gunicorn, free_ports
from tooling.production import ROOT, production_env

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two servers share one PostgreSQL database"
    ),
    pytest.mark.django_db(transaction=True),
]

PORTS = range(8400, 8450)
WORKERS_PER_SERVER = 1
SCHEDULE_SECONDS = 5  # SCHEDULED_PUBLISHING_SECONDS of both workers
GO_LIVE_AHEAD = timedelta(seconds=8)
# The next publishing slot, the scheduler's tick, the worker's poll (1 s), and some slack.
VISIBLE_WITHIN = SCHEDULE_SECONDS + TICK_SECONDS + 1 + 4  # seconds after go_live_at
EDITOR, MODERATOR, PASSWORD = "editor", "moderator", "dva-servera-odna-baza"
REPORT = ROOT / "test-artifacts" / "two-servers.txt"


def database_url():
    """The test database, for the servers: the one database both use."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "postgres")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class AppServer:
    """One app server: gunicorn and its `manage.py worker`, with a folder of its own."""

    def __init__(self, name, folder, port, env, logs):
        self.name, self.folder, self.env = name, folder, env
        self.gunicorn = Gunicorn(env, port, WORKERS_PER_SERVER, logs / f"gunicorn-{name}.log")
        self.worker_log = logs / f"worker-{name}.log"
        self.worker = None

    @property
    def base_url(self):
        return self.gunicorn.base_url

    def collect_static(self):
        command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        return subprocess.Popen(command, cwd=ROOT, env=self.env)

    def copy_static(self, other):
        """The files `other` collected, as a second host gets the same release's build."""
        shutil.copytree(other.env["STATIC_ROOT"], self.env["STATIC_ROOT"])

    def start(self):
        with open(self.worker_log, "ab") as log:
            self.worker = subprocess.Popen(
                [sys.executable, "manage.py", "worker", "--no-reload"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self.gunicorn.__enter__()

    def stop(self):
        """Both processes at once: each finishes what it is doing."""
        if self.worker is not None:
            self.worker.send_signal(signal.SIGTERM)
        if self.gunicorn.process is not None:
            self.gunicorn.__exit__()
        if self.worker is not None:
            try:
                self.worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.worker.kill()
                self.worker.wait()

    def files_left(self):
        """Every file under the server's folder except its collected static files."""
        static = Path(self.env["STATIC_ROOT"])
        return sorted(
            str(path.relative_to(self.folder))
            for path in self.folder.rglob("*")
            if path.is_file() and static not in path.parents
        )


def together(action, servers):
    with ThreadPoolExecutor(len(servers)) as pool:
        list(pool.map(action, servers))


@pytest.fixture
def servers(tmp_path, report):
    """Servers A and B, each with a worker, sharing the database, Redis and the store."""
    started = time.monotonic()
    shared_secret = "two-servers-" + "x" * 50  # one SECRET_KEY: sessions, forms, cache
    logs = tmp_path / "logs"
    logs.mkdir()
    pair = []
    for name, port in zip("AB", free_ports(PORTS, 2), strict=True):
        folder = tmp_path / f"server-{name}"
        folder.mkdir()
        env = production_env(folder, database_url(), secret_key=shared_secret)
        env.pop("CLIENT_IP_HEADER", None)
        pair.append(AppServer(name, folder, port, env, logs))
    collecting = pair[0].collect_static()
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_server())
        endpoint = stack.enter_context(s3_server())
        media, comment_files = new_bucket(endpoint), new_bucket(endpoint, public_policy=False)
        for server in pair:
            server.env |= storage_env(endpoint, media, COMMENTS_FILES_BUCKET=comment_files) | {
                "REDIS_URL": redis_url,
                "SCHEDULED_PUBLISHING_SECONDS": str(SCHEDULE_SECONDS),
                "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
                "LOG_LEVEL": "INFO",
            }
        assert collecting.wait() == 0
        pair[1].copy_static(pair[0])
        stack.callback(together, AppServer.stop, pair)
        together(AppServer.start, pair)
        wait_for_workers(pair)
        report["servers, workers, Redis and moto up"] = f"{time.monotonic() - started:.1f} s"
        yield pair


def wait_for_workers(servers, seconds=30):
    """Until each server's worker has written its heartbeat (its schedule is ticking)."""
    deadline = time.monotonic() + seconds
    while WorkerHeartbeat.objects.count() < len(servers):
        for server in servers:
            assert server.worker.poll() is None, f"worker {server.name} exited; see its log"
        assert time.monotonic() < deadline, "the workers wrote no heartbeat"
        time.sleep(0.2)


def make_user(username, superuser=False):
    """An account created as `createsuperuser` would, with a hash production can check (the
    test settings hash with MD5, which production does not accept)."""
    user = get_user_model().objects.create(
        username=username, email=f"{username}@example.org", is_staff=superuser,
        is_superuser=superuser,
    )  # fmt: skip
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
    user.save()
    return user


class Browser:
    """A signed-in user's browser. The site's cookies are Secure (production settings): the
    browser sends them over HTTPS to the TLS proxy; over the test's plain HTTP they are
    sent all the same."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.session = requests.Session()

    def request(self, method, path, **options):
        answer = self.session.request(
            method, self.base_url + path, timeout=60, allow_redirects=False, **options
        )
        for cookie in self.session.cookies:
            cookie.secure = False
        return answer

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data=None):
        """POST as the form on `path` does, with its CSRF token."""
        token = csrf_token(self.get(path).text)
        return self.request("POST", path, data=(data or {}) | {"csrfmiddlewaretoken": token})

    def sign_in(self, username):
        answer = self.post("/admin/login/", {"username": username, "password": PASSWORD})
        assert answer.status_code == 302, answer.text[:2000]
        return self

    def upload_image(self, name, content):
        """The admin's drag-and-drop upload («Добавить изображения»)."""
        self.get("/admin/images/multiple/add/")
        answer = self.request(
            "POST", "/admin/images/multiple/add/",
            files={"files[]": (name, content, "image/jpeg")},
            headers={"X-CSRFToken": self.session.cookies["csrftoken"]},
        )  # fmt: skip
        assert answer.status_code == 200 and answer.json()["success"], answer.text[:2000]
        return answer.json()["image_id"]

    def add_news(self, index_id, title, image_id, **fields):
        """The admin's «Добавить страницу» form for a news item, sent with «Опубликовать»."""
        path = f"/admin/pages/add/news/newspage/{index_id}/"
        image = get_image_model()(pk=image_id)
        # As the browser sends the form: «Разрешить комментарии» is ticked by default.
        data = news_form(image, title=title, slug=slugify_russian(title), **fields)
        data["comments_enabled"] = "on"
        answer = self.post(path, data | {"action-publish": "publish"})
        assert answer.status_code == 302, answer.text[:3000]
        return NewsPage.objects.get(title=title)


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def jpeg(size=(900, 600), colour=(30, 90, 160)):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def anonymous_get(server, path):
    """A reader without cookies: what the page cache serves."""
    return requests.get(server.base_url + path, timeout=30, allow_redirects=False)


def image_urls(html):
    """The URLs of the news item's main picture: every srcset candidate and the <img>."""
    figure = re.search(r'<figure class="main-image">(.*?)</figure>', html, re.S).group(1)
    urls = re.findall(r'src="([^"]+)"', figure)
    for srcset in re.findall(r'srcset="([^"]+)"', figure):
        urls += [candidate.split()[0] for candidate in srcset.split(",")]
    return sorted(set(urls))


def test_two_servers_share_the_database_redis_and_object_store_and_nothing_else(
    servers, news_index, report
):
    a, b = servers
    make_user(EDITOR, superuser=True)
    moderator = make_user(MODERATOR)
    moderator.groups.add(ensure_moderators_group())
    editor_a = Browser(a.base_url).sign_in(EDITOR)
    index_path = news_index.url
    SiteSettings.for_site(news_index.get_site())  # made by the first page a site serves

    # 1, 2. An image and a news item through A; B serves them, from a page cache it shares.
    image_id = editor_a.upload_image("vystavka.jpg", jpeg())
    warm = [anonymous_get(b, index_path) for _ in range(2)]
    assert [answer.headers["X-Page-Cache"] for answer in warm] == ["miss", "hit"], [
        dict(answer.headers) for answer in warm
    ]
    title = "Открытие выставки на двух серверах"
    started = time.monotonic()
    page = editor_a.add_news(news_index.pk, title, image_id)
    published = time.monotonic()
    index_on_b = anonymous_get(b, index_path)
    report["admin add-and-publish on A"] = f"{published - started:.2f} s"
    report["B's index right after, a miss with the item"] = (
        f"answered in {time.monotonic() - published:.2f} s"
    )
    assert index_on_b.headers["X-Page-Cache"] == "miss"
    assert title in index_on_b.text

    news_on_b = anonymous_get(b, page.url)
    assert news_on_b.status_code == 200
    urls = image_urls(news_on_b.text)
    media_url = f"{a.env['AWS_S3_ENDPOINT_URL']}/{a.env['AWS_STORAGE_BUCKET_NAME']}/"
    assert urls and all(url.startswith(media_url) for url in urls), urls
    img_src = re.search(r"img-src ([^;]+)", news_on_b.headers["Content-Security-Policy"])[1]
    assert a.env["AWS_S3_ENDPOINT_URL"] in img_src.split()  # browsers may load them
    for url in urls:
        answer = requests.get(url, timeout=30)
        assert answer.status_code == 200, url
        assert answer.content[:4] in (b"\xff\xd8\xff\xe0", b"RIFF"), url  # JPEG, WebP
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', news_on_b.text)[1]
    assert requests.get(og_image, timeout=30).status_code == 200, og_image
    report["renditions on B's news page"] = f"{len(urls)} URLs, each 200 from the object store"

    # 3. A reader's comment with a picture: refused through A for the unticked consent (the
    # picture is kept in the store), sent again through B, approved by a moderator through B.
    form = Form.of(anonymous_get(a, page.url))
    text = "Были на выставке, очень понравилось!"
    fields = form.data | comment_fields("") | {"comment": text}
    refused = requests.post(
        a.base_url + page.url,
        data={name: value for name, value in fields.items() if name != "consent"},
        files={"attachments": ("foto.jpg", jpeg((800, 600), (200, 60, 40)), "image/jpeg")},
        cookies=form.cookies, timeout=60, allow_redirects=False,
    )  # fmt: skip
    assert refused.status_code == 400 and 'name="staged"' in refused.text
    again = Form.of(refused, cookies=form.cookies)  # the staged file's token, a fresh hash
    answer = requests.post(
        b.base_url + page.url, data=fields | again.data, cookies=form.cookies, timeout=60,
        allow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 302, answer.text[:3000]
    comment = ReaderComment.objects.get(comment=text)
    attachment = CommentAttachment.objects.get(comment=comment)
    stored = keys(a.env["AWS_S3_ENDPOINT_URL"], a.env["COMMENTS_FILES_BUCKET"])
    assert f"comment-files/{attachment.file.name}" in stored
    assert not [key for key in stored if key.startswith("comment-files/staged/")]
    files = [attachment.url, attachment.thumbnail_url]
    for server in (a, b):
        assert text not in anonymous_get(server, page.url).text
        assert [anonymous_get(server, path).status_code for path in files] == [404, 404]

    moderator_b = Browser(b.base_url).sign_in(MODERATOR)
    approve = f"/admin/bulk/news/readercomment/approve_comments/?id={comment.pk}&next=/admin/"
    assert moderator_b.post(approve).status_code == 302
    news_on_b = anonymous_get(b, page.url).text
    assert text in news_on_b
    assert all(f'"{path}"' in news_on_b for path in files)
    for server in (b, a):
        picture = anonymous_get(server, attachment.url)
        assert picture.status_code == 200 and picture.content[:3] == b"\xff\xd8\xff"
    report["comment file"] = (
        "staged by A, attached by B; 404 on A and B while pending, 200 once approved on B"
    )

    # 4. A news item scheduled through A goes live once, by one of the two workers, and
    # into both servers' cached index.
    go_live_at = timezone.localtime() + GO_LIVE_AHEAD
    scheduled = editor_a.add_news(
        news_index.pk, "Новость по расписанию", image_id,
        go_live_at=go_live_at.strftime("%Y-%m-%d %H:%M:%S"),
    )  # fmt: skip
    assert not scheduled.live and scheduled.go_live_at > timezone.now()
    for server in servers:
        anonymous_get(server, index_path)
        cached = anonymous_get(server, index_path)
        assert cached.headers["X-Page-Cache"] == "hit" and scheduled.title not in cached.text
    seen = wait_until_visible(servers, scheduled, scheduled.go_live_at)
    for name, delay in seen.items():
        report[f"scheduled item visible on {name}"] = (
            "never" if delay is None else f"{delay:.2f} s after go_live_at"
        )
    assert all(delay is not None and delay >= 0 for delay in seen.values()), seen
    assert all(scheduled.title in anonymous_get(server, index_path).text for server in servers)
    actions = Counter(PageLogEntry.objects.filter(page=scheduled).values_list("action", flat=True))
    report["scheduled item's log"] = dict(actions)
    # Published once, by publish_scheduled; the editor's «Опубликовать» only scheduled it.
    assert actions["wagtail.publish.scheduled"] == 1 and actions["wagtail.publish"] == 0
    assert scheduled.revisions.count() == 1
    runs = ScheduledRun.objects.filter(job="publish_scheduled")
    slots = Counter(runs.values_list("slot", flat=True))
    assert slots and max(slots.values()) == 1
    tasks = DBTaskResult.objects.filter(task_path="cms.schedule.run_scheduled_job")
    assert tasks.filter(args_kwargs__args=["publish_scheduled"]).count() == len(slots)
    # Both schedules ticked all along: the worker that claimed no slot lost each one to the
    # other's row (the unique job and slot), it did not sit idle.
    ticking = WorkerHeartbeat.objects.filter(seen_at__gt=timezone.now() - timedelta(seconds=15))
    assert ticking.count() == 2
    claimed_by = Counter(runs.values_list("worker_id", flat=True))
    report["publish_scheduled slots"] = (
        f"{len(slots)}, each claimed once, by {len(claimed_by)} worker(s): "
        + ", ".join(str(count) for count in claimed_by.values())
    )

    # Nothing either server needs is in the other's folder: uploads are in the store.
    for server in servers:
        assert server.files_left() == [], server.name


def wait_until_visible(servers, page, go_live_at):
    """Seconds from `go_live_at` until each server shows the page to readers (None: never)."""
    seen = {server.name: None for server in servers}
    deadline = go_live_at + timedelta(seconds=VISIBLE_WITHIN)
    while None in seen.values() and timezone.now() < deadline:
        for server in servers:
            if seen[server.name] is None and anonymous_get(server, page.url).status_code == 200:
                seen[server.name] = (timezone.now() - go_live_at).total_seconds()
        time.sleep(0.1)
    return seen


@pytest.fixture
def report():
    """Figures of the run, written to REPORT and printed."""
    figures = {}
    yield figures
    if not figures:
        return
    lines = [f"{name}: {value}" for name, value in figures.items()]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))
