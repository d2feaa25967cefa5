"""`manage.py worker`: runs the site's background tasks and its schedule until stopped."""

import os
import socket
import threading
from argparse import BooleanOptionalAction

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
            "--reload",
            action=BooleanOptionalAction,
            default=settings.DEBUG,
            help="Restart on code changes (default: DEBUG).",
        )

    def handle(self, *args, no_schedule, reload, **options):
        if reload:
            autoreload.run_with_reloader(self.run, no_schedule=no_schedule, reloading=True)
        else:
            self.run(no_schedule=no_schedule)

    def run(self, no_schedule, reloading=False):
        worker_id = new_worker_id()
        if not no_schedule:
            scheduler = Scheduler(worker_id)
            threading.Thread(target=scheduler.run, name="schedule", daemon=True).start()
        backend = task_backends["default"]
        if isinstance(backend, DatabaseBackend):
            worker = Worker(
                queue_names=["*"],
                interval=1,
                batch=False,
                backend_name="default",
                startup_delay=True,
                max_tasks=None,
                worker_id=worker_id,
                excluded_queue_names=[],
            )
            if not reloading or os.environ.get(autoreload.DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            worker.run()
        elif type(backend).__name__ == "RQBackend":
            call_command("rqworker", "default", "--with-scheduler")
        else:
            raise SystemExit(
                f"TASKS runs tasks with {type(backend).__name__}, which needs no worker: "
                "set TASKS_BACKEND to database or rq."
            )
