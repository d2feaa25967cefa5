"""The database task queue in tests: test settings run tasks at once (ImmediateBackend); a test
that asks for `task_queue` (tests/conftest.py) gets the production queue (django-tasks-db) and
runs what is queued with the real worker loop, in this process, when it says so."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_queued_tasks():
    """Run every task that is due, as `manage.py worker` would; the number run."""
    worker = Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    worker.run()
    return worker._run_tasks


def queued(task_name=None):
    """Tasks waiting to run (now or later), optionally only those of one task function."""
    waiting = DBTaskResult.objects.filter(status="READY")
    if task_name:
        waiting = waiting.filter(task_path__endswith=f".{task_name}")
    return waiting
