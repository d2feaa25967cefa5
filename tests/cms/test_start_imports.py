"""What a gunicorn worker loads when it starts: every module stays in its memory for good, so
libraries that only some requests or commands need are loaded by them, not at start."""

import json
import subprocess
import sys

import pytest

from tests.cms.test_deploy import PRODUCTION_ENV, ROOT, clean_environ

# As gunicorn starts a worker: the WSGI application, then the URLconf on its first request.
START_A_WORKER = """
import json, sys
import cms.wsgi
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted(sys.modules)))
"""


@pytest.fixture(scope="module")
def loaded_at_start():
    env = {k: v for k, v in clean_environ().items() if not k.startswith("AWS_")}  # no bucket
    result = subprocess.run(
        [sys.executable, "-c", START_A_WORKER], cwd=ROOT, env=env | PRODUCTION_ENV,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


@pytest.mark.parametrize(
    "module",
    [
        "boto3",  # uploads in a bucket (cms.object_storage), when AWS_STORAGE_BUCKET_NAME is set
        "botocore",
        "storages.backends.s3",
        "icalendar",  # the Афиша's .ics files (events.calendar_files)
        "django.db.migrations.executor",  # `migrate` (cms.search_index_format)
        "snowballstemmer",  # the SQLite search index and its queries (cms.search_stemming)
    ],
)
def test_a_worker_starts_without_what_only_some_requests_need(loaded_at_start, module):
    assert module not in loaded_at_start


def test_a_worker_starts_with_the_site_itself(loaded_at_start):
    assert {"cms.urls", "news.models", "cms.pagecache", "cms.storage"} <= loaded_at_start
