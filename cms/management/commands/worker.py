"""`manage.py worker`: runs the site's background tasks and its schedule until stopped."""

import os
import socket
import threading
from argparse import BooleanOptionalAction
from functools import partial

from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import autoreload
from django.utils.crypto import get_random_string

from cms.schedule import Scheduler


def new_worker_id():
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"


class Command(BaseCommand):
    help = (
        "Run background tasks (e-mails, renditions, Wagtail's own work) from the TASKS "
        "queue, and the schedule of cms.schedule. Stop with Ctrl-C or SIGTERM."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-schedule", action="store_true", help="Run tasks only, no scheduled jobs."
        )
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Run the tasks that are due, then exit: no schedule, no heartbeat.",
        )
        parser.add_argument(
            "--reload",
            action=BooleanOptionalAction,
            default=settings.DEBUG,
            help="Restart on code changes (default: DEBUG).",
        )

    def handle(self, *args, no_schedule, burst, reload, **options):
        backend = task_backends["default"]
        worker_id = new_worker_id()
        if isinstance(backend, DatabaseBackend):
            worker = Worker(
                queue_names=["*"],
                interval=1,
                batch=burst,
                backend_name="default",
                startup_delay=not burst,
                max_tasks=None,
                worker_id=worker_id,
                excluded_queue_names=[],
            )
            run_tasks = worker.run
            # Signals only reach the main thread: the reloader runs the worker in another.
            if not reload or os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
        elif type(backend).__name__ == "RQBackend":
            reload = False  # rq sets its own signal handlers, in the main thread only
            # django-tasks-rq's own job class runs a Task and records its result.
            rq_options = ["--job-class", "django_tasks_rq.Job"]
            rq_options.append("--burst" if burst else "--with-scheduler")
            run_tasks = partial(call_command, "rqworker", "default", *rq_options)
        else:
            raise SystemExit(
                f"TASKS runs tasks with {type(backend).__name__}, which needs no worker: "
                "set TASKS_BACKEND to database or rq."
            )

        def run():
            if not burst:
                scheduler = Scheduler(worker_id, jobs=not no_schedule)  # a heartbeat even so
                threading.Thread(target=scheduler.run, name="schedule", daemon=True).start()
            run_tasks()

        if reload and not burst:
            autoreload.run_with_reloader(run)
        else:
            run()
