"""PostgreSQL restarted under the site: errors only while it is down, the site recovers by
itself, and every post the site acknowledged is stored.

The site runs as in production (gunicorn, 2 sync workers, production settings, persistent
connections) on a PostgreSQL cluster this module starts for itself. The page cache is off, so
every request reaches the database. The run is the same whatever database the rest of the
suite uses, so it is made once, in the suite's PostgreSQL pass (`.ci/run`'s second).
"""

import secrets
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
import requests

from django.db import connection

from cms.errors import RETRY_AFTER_SECONDS
from feedback.models import FeedbackRequest
from news.comments.models import ReaderComment
from tests.cms.site_load import Load, SitePages
from tests.redis_stand_in import free_port
from tooling.gunicorn import Gunicorn
from tooling.pgcluster import PostgresCluster
from tooling.production import ROOT, WITH_TOOLING, manage, migrate, production_env

WORKERS = 2  # as `make bench` serves the site
LOAD_BEFORE_RESTART = 3.0  # seconds
LOAD_AFTER_RESTART = 4.0
GRACE = 2.0  # seconds after pg_ctl is back in which a request may still fail
UNAVAILABLE_PAGE_TEXT = "Сайт ненадолго недоступен"  # templates/503.html

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="its own PostgreSQL cluster: run once, in the suite's PostgreSQL pass",
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(cluster, gunicorn, site) on a private PostgreSQL cluster."""
    folder = tmp_path_factory.mktemp("pg-restart-site")
    port = free_port()
    with PostgresCluster(free_port()) as cluster:
        cluster.create_database("site")
        env = production_env(folder, cluster.database_url("site")) | {
            "CMS_CACHE_SECONDS": "0",
            # Every post comes from 127.0.0.1: the per-address limits must not refuse them.
            "COMMENTS_RATE_LIMIT": "1000000",
            "FEEDBACK_RATE_LIMIT": "1000000",
            "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
        env.pop("REDIS_URL", None)
        env.pop("CLIENT_IP_HEADER", None)
        # Static files do not need the database: collected while it is migrated.
        static = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env=env | {"DJANGO_SETTINGS_MODULE": WITH_TOOLING},
        )  # fmt: skip
        migrate(env)
        build = f"from tests.cms.restart_content import build; build({port})"
        manage(env, "shell", "-v0", "-c", build)
        assert static.wait() == 0
        with Gunicorn(env, port, WORKERS, folder / "gunicorn.log") as server:
            yield cluster, server, SitePages.discover(server.base_url)


def stored_markers(cluster, run_id):
    """The markers of the posts of this run found in the database."""
    comment_table = ReaderComment._meta.get_field("comment").model._meta.db_table
    request_table = FeedbackRequest._meta.db_table
    with psycopg.connect(cluster.database_url("site")) as connection:
        texts = [
            text
            for (text,) in connection.execute(
                f"SELECT comment FROM {comment_table} WHERE comment LIKE %(run)s "  # noqa: S608
                f"UNION ALL SELECT message FROM {request_table} WHERE message LIKE %(run)s",
                {"run": f"%{run_id}-%"},
            )
        ]
    return [text.rsplit(" ", 1)[-1] for text in texts]


def statuses(base_url, paths, parallel=WORKERS):
    """The status of a GET of each path, `parallel` at a time."""
    with ThreadPoolExecutor(parallel) as pool:
        return list(
            pool.map(lambda path: requests.get(base_url + path, timeout=15).status_code, paths)
        )


def test_restart_under_load_fails_only_while_down_and_loses_no_acknowledged_post(site):
    cluster, server, pages = site
    run_id = secrets.token_hex(4)
    workers = server.worker_pids()
    with Load(pages, run_id) as load:
        time.sleep(LOAD_BEFORE_RESTART)
        down = time.monotonic()
        cluster.restart()
        up = time.monotonic()
        time.sleep(LOAD_AFTER_RESTART)
    records = load.records

    failed = [record for record in records if record.failed]
    outside = [record for record in failed if record.ended < down or record.started > up + GRACE]
    acknowledged = {record.marker for record in records if record.acknowledged}
    posted = {record.marker for record in records if record.marker}
    stored = stored_markers(cluster, run_id)
    print(
        f"\n{len(records)} requests ({len(posted)} posts), restart took {up - down:.2f} s; "
        f"{len(failed)} failed: "
        + ", ".join(
            f"{record.kind} {record.status or 'no answer'} at "
            f"{record.started - down:+.2f}..{record.ended - down:+.2f} s"
            for record in failed
        )
        + f"; acknowledged {len(acknowledged)}, stored {len(stored)}"
    )

    # The load ran on both sides of the restart, posts of every kind acknowledged after it.
    assert any(record.acknowledged and record.ended < down for record in records)
    kinds = {record.kind for record in records if record.acknowledged and record.started > up}
    assert kinds == {"comment form", "comment API", "feedback form", "feedback API"}
    assert not outside, f"errors outside the restart window: {outside}"
    assert set(stored) >= acknowledged, f"acknowledged but lost: {acknowledged - set(stored)}"
    assert len(stored) == len(set(stored)), "a post stored twice"
    assert set(stored) <= posted
    after = [record for record in records if record.started > up + GRACE]
    assert after and all(record.status in (200, 201, 302) for record in after)
    assert server.worker_pids() == workers, "a worker died and gunicorn replaced it"
    for record in failed:
        # The database cannot be reached: "try again in a moment", in the client's language.
        assert record.status == 503, record
        assert record.retry_after == str(RETRY_AFTER_SECONDS)
        if record.kind.startswith(("GET /api/", "comment API", "feedback API")):
            assert record.content_type == "application/json", record
        else:
            assert UNAVAILABLE_PAGE_TEXT in record.body, record


def test_first_requests_after_an_idle_restart_are_answered(site):
    """Each worker holds a persistent connection the restart cut; the next request on it must
    open a new one, not fail."""
    cluster, server, pages = site
    paths = pages.reader_paths() * 2
    assert set(statuses(server.base_url, paths)) == {200}
    workers = server.worker_pids()
    cluster.restart()
    assert statuses(server.base_url, paths) == [200] * len(paths)
    assert server.worker_pids() == workers
