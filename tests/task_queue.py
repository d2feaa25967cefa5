"""The database task queue in tests: test settings run tasks at once (ImmediateBackend); a test
that asks for `task_queue` (tests/conftest.py) gets the production queue (django-tasks-db) and
runs what is queued with the real worker loop, in this process, when it says so."""

from unittest import mock

from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_queued_tasks():
    """Run every task that is due, as `manage.py worker` would; the number run."""
    worker = Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    # The loop closes connections it finds inside a transaction, which a test always is (the
    # test's own, rolled back at its end): on PostgreSQL that would end the test's connection.
    # The real loop, connections and all, runs in tests/cms/test_worker.py.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()
    return worker._run_tasks


def queued(task_name=None):
    """Tasks waiting to run (now or later), optionally only those of one task function."""
    waiting = DBTaskResult.objects.filter(status="READY")
    if task_name:
        waiting = waiting.filter(task_path__endswith=f".{task_name}")
    return waiting
