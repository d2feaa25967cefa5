"""/healthz/ and /readyz/ (cms.health): what each answers, and what each failure looks like,
with the real parts failing: a Redis that stops or was never there, a folder that cannot be
written, a bucket that is not there, a database at a closed port, a worker that stopped
ticking."""

import datetime

import pytest
import requests

from django.core.cache import caches
from django.utils import timezone

from cms.generation import GENERATION_KEY
from cms.models import WorkerHeartbeat
from cms.settings.caches import redis_caches
from tests.conftest import use_bucket
from tests.redis_stand_in import free_port, redis_server
from tests.s3_stand_in import KEYS, keys
from tooling.gunicorn import Gunicorn
from tooling.production import production_env

CHECKS = [
    "database",
    "cache:default",
    "cache:pages",
    "storage:default",
    "storage:comment_files",
    "worker",
]
SITE_HOST = "biblioteka.example"
SECRET_KEY = "health-test-Secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def beat(seconds_ago=0, worker_id="worker-1"):
    """The heartbeat `manage.py worker` writes on every tick (cms.schedule)."""
    seen_at = timezone.now() - datetime.timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"host": "app-1", "pid": 4242, "seen_at": seen_at}
    )


def failed(answer):
    return {name for name, state in answer["checks"].items() if state["status"] != "ok"}


@pytest.mark.django_db
def test_healthz_answers_without_database_or_cache(
    client, page_cache_on, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert caches["pages"].get(GENERATION_KEY) is None  # the page cache was never asked
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_readyz_passes_with_a_fresh_heartbeat(client, page_cache_on):
    beat(seconds_ago=3)
    beat(seconds_ago=200, worker_id="stopped-a-while-ago")
    response = client.get("/readyz/", HTTP_ACCEPT="text/html")  # a browser: JSON all the same
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    assert not response.cookies
    answer = response.json()
    assert answer["status"] == "ok"
    assert list(answer["checks"]) == CHECKS
    assert failed(answer) == set()
    worker = answer["checks"]["worker"]
    assert worker["alive"] == 1
    assert 3 <= worker["age_seconds"] < 10
    assert worker["max_age_seconds"] == 60


@pytest.mark.django_db
def test_readyz_leaves_no_probe_files(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COMMENTS_FILES_ROOT = tmp_path / "comment-files"
    beat()
    assert client.get("/readyz/").status_code == 200
    assert list(tmp_path.rglob("*.txt")) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("heartbeat_age", "message"),
    [
        (None, "Фоновый обработчик ни разу не отметился: запущен ли manage.py worker?"),
        (61, "Фоновый обработчик не отмечался 61 с (допустимо 60 с)."),
    ],
)
def test_readyz_fails_on_a_missing_or_stale_heartbeat(client, heartbeat_age, message):
    if heartbeat_age is not None:
        beat(seconds_ago=heartbeat_age)
    response = client.get("/readyz/")
    assert response.status_code == 503
    answer = response.json()
    assert answer["status"] == "fail"
    assert answer["message"] == "Не готов: worker."
    assert failed(answer) == {"worker"}
    worker = answer["checks"]["worker"]
    assert worker["message"] == message
    assert worker["alive"] == 0
    assert worker["age_seconds"] == (None if heartbeat_age is None else pytest.approx(61, abs=2))


@pytest.mark.django_db
def test_the_heartbeat_age_limit_is_a_setting(client, settings):
    settings.WORKER_HEARTBEAT_MAX_AGE = 300
    beat(seconds_ago=200)
    answer = client.get("/readyz/").json()
    assert answer["checks"]["worker"] | {"ms": 0} == {
        "status": "ok", "ms": 0, "alive": 1, "age_seconds": pytest.approx(200, abs=2),
        "max_age_seconds": 300,
    }  # fmt: skip


@pytest.mark.django_db
def test_readyz_notices_redis_going_away(client, settings):
    beat()
    with redis_server() as url:
        settings.CACHES = redis_caches(url)
        assert client.get("/readyz/").status_code == 200
    # The server is gone; production's cache would hide that (IGNORE_EXCEPTIONS).
    response = client.get("/readyz/")
    assert response.status_code == 503
    answer = response.json()
    assert failed(answer) == {"cache:default", "cache:pages"}
    assert answer["checks"]["cache:pages"]["message"] == "Redis не отвечает."


@pytest.mark.django_db
def test_readyz_names_no_secret_of_an_unreachable_redis(client, settings):
    beat()
    port = free_port()
    settings.CACHES = redis_caches(f"redis://:redis-Pa55word@127.0.0.1:{port}/8")
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert failed(response.json()) == {"cache:default", "cache:pages"}
    body = response.content.decode()
    for secret in ("redis-Pa55word", str(port), settings.SECRET_KEY, "127.0.0.1"):
        assert secret not in body


@pytest.mark.django_db
def test_readyz_fails_when_the_page_cache_folder_cannot_be_written(client, settings, tmp_path):
    """Production without REDIS_URL keeps cached pages in files (cms/settings/production.py)."""
    beat()
    blocker = tmp_path / "a-file-where-a-folder-should-be"
    blocker.write_text("")
    settings.CACHES = settings.CACHES | {
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(blocker / "page-cache"),
        }
    }
    answer = client.get("/readyz/").json()
    assert failed(answer) == {"cache:pages"}
    assert (
        answer["checks"]["cache:pages"]["message"]
        == "Не удалось записать значение в кэш и прочитать его."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setting", "check"),
    [("MEDIA_ROOT", "storage:default"), ("COMMENTS_FILES_ROOT", "storage:comment_files")],
)
def test_readyz_fails_when_a_storage_cannot_be_written(
    client, settings, tmp_path, caplog, setting, check
):
    beat()
    blocker = tmp_path / "a-file-where-a-folder-should-be"
    blocker.write_text("")
    setattr(settings, setting, blocker / "files")
    response = client.get("/readyz/")
    assert response.status_code == 503
    answer = response.json()
    assert failed(answer) == {check}
    assert answer["checks"][check]["message"] == (
        "Не удалось записать, прочитать или удалить пробный файл."
    )
    assert str(tmp_path) not in response.content.decode()
    # The log has the real reason, on one line.
    [logged] = [record for record in caplog.records if record.name == "health_check"]
    assert logged.levelname == "WARNING"
    assert "Not a directory" in logged.getMessage()
    assert logged.exc_info is None


@pytest.mark.django_db
def test_readyz_probes_object_storage_and_leaves_nothing_in_it(client, object_storage):
    beat()
    response = client.get("/readyz/")
    assert response.status_code == 200, response.content
    assert keys(object_storage.endpoint, object_storage.bucket) == []


@pytest.mark.django_db
def test_readyz_fails_when_the_bucket_is_gone(client, settings, monkeypatch, s3_endpoint):
    beat()
    use_bucket(settings, monkeypatch, s3_endpoint, "bucket-nobody-made")
    response = client.get("/readyz/")
    assert response.status_code == 503
    answer = response.json()
    assert failed(answer) == {"storage:default", "storage:comment_files"}
    for secret in (KEYS["AWS_SECRET_ACCESS_KEY"], s3_endpoint, "bucket-nobody-made"):
        assert secret not in response.content.decode()


@pytest.fixture(scope="module")
def site_with_nothing_behind(tmp_path_factory):
    """gunicorn under production settings whose database and Redis (both with passwords) are
    closed ports, the API switched off, HTTPS redirects on: the base URL."""
    folder = tmp_path_factory.mktemp("health-site")
    env = production_env(
        folder,
        database_url=f"postgres://site:db-Pa55word@127.0.0.1:{free_port()}/site",
        secret_key=SECRET_KEY,
    ) | {
        "REDIS_URL": f"redis://:redis-Pa55word@127.0.0.1:{free_port()}/8",
        "ALLOWED_HOSTS": SITE_HOST,
        "SECURE_SSL_REDIRECT": "true",
        "CMS_API_ENABLED": "false",
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",  # as behind nginx: the input guard reads it
    }
    with Gunicorn(env, free_port(), 1, folder / "gunicorn.log", ready_path="/healthz/") as server:
        yield server.base_url


def get(url, method="GET"):
    """A prober's request: plain HTTP straight to gunicorn, with the site's host name, and the
    address header nginx adds."""
    headers = {"Host": SITE_HOST, "X-Real-IP": "10.0.0.5"}
    return requests.request(method, url, headers=headers, allow_redirects=False, timeout=30)


def test_healthz_answers_while_database_and_redis_are_down(site_with_nothing_behind):
    response = get(site_with_nothing_behind + "/healthz/")
    assert response.status_code == 200  # no redirect to https://
    assert response.json() == {"status": "ok"}
    assert "no-store" in response.headers["Cache-Control"]
    assert get(site_with_nothing_behind + "/healthz/", method="HEAD").status_code == 200
    # Other addresses still go to https://, and a host not in ALLOWED_HOSTS is refused.
    assert get(site_with_nothing_behind + "/").status_code == 301
    wrong_host = requests.get(
        site_with_nothing_behind + "/healthz/",
        headers={"Host": "127.0.0.1", "Accept": "application/json"},  # JSON: no static files
        timeout=30,
    )
    assert wrong_host.status_code == 400
    assert wrong_host.json() == {"message": "Сайт не может обработать этот запрос."}


def test_readyz_names_what_is_down_and_no_secret(site_with_nothing_behind):
    """With the API switched off too: the health addresses are not part of it."""
    response = get(site_with_nothing_behind + "/readyz/")
    assert response.status_code == 503
    answer = response.json()
    assert failed(answer) == {"database", "cache:default", "cache:pages", "worker"}
    checks = answer["checks"]
    assert checks["database"]["message"] == "База данных не отвечает."
    assert checks["cache:default"]["message"] == "Redis не отвечает."
    assert checks["worker"]["message"] == (
        "Отметки фонового обработчика не прочитать: база недоступна."
    )
    assert checks["worker"]["alive"] is None
    assert "no-store" in response.headers["Cache-Control"]
    for secret in ("Pa55word", SECRET_KEY, "127.0.0.1", "postgres", "redis://"):
        assert secret not in response.text
