"""The site's schedule: what the worker runs by itself, and when. README lists it.

Every worker process ticks (`Scheduler.run`); on each tick a job that is due gets a slot (the
minute or the day it is for) and the first worker to insert that slot's ScheduledRun row
enqueues the job, so a job runs once however many servers run a worker. A daily job whose time
passed while no worker ran is run by the first tick after.
"""

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import time, timedelta
from io import StringIO

from django_tasks import task

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, close_old_connections, transaction
from django.utils import timezone

from .models import ScheduledRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

TICK_SECONDS = 5
# Claimed runs and heartbeats of stopped workers are kept this long, for an operator to look at.
RECORDS_KEPT = timedelta(days=7)


@dataclass(frozen=True)
class Job:
    name: str
    command: tuple  # a management command and its arguments
    every_seconds: int | None = None
    daily_at: time | None = None  # local time (TIME_ZONE)
    what: str = ""

    def slot(self, now):
        """The slot due at `now` (aware), or None if the job is not due yet today."""
        if self.every_seconds:
            start = int(now.timestamp()) // self.every_seconds * self.every_seconds
            return str(start)
        local = timezone.localtime(now)
        return local.date().isoformat() if local.time() >= self.daily_at else None


def schedule():
    """The jobs, in the order the README lists them."""
    return [
        Job(
            "publish_scheduled",
            ("publish_scheduled",),
            every_seconds=settings.SCHEDULED_PUBLISHING_SECONDS,
            what="pages and snippets go live or expire at the time an editor set",
        ),
        Job(
            "purge_comment_ips",
            ("purge_comment_ips",),
            daily_at=time(3, 0),
            what="commenters' IP addresses past COMMENTS_IP_RETENTION_DAYS; "
            "files of refused comment posts older than a day",
        ),
        Job(
            "purge_feedback",
            ("purge_feedback",),
            daily_at=time(3, 10),
            what="closed «Решаем вместе» requests past FEEDBACK_RETENTION_MONTHS",
        ),
        Job(
            "purge_event_signups",
            ("purge_event_signups",),
            daily_at=time(3, 15),
            what="sign-ups for events past EVENT_SIGNUP_RETENTION_DAYS after their date",
        ),
        Job(
            "clearsessions",
            ("clearsessions",),
            daily_at=time(3, 20),
            what="expired sessions",
        ),
        Job(
            "prune_worker_records",
            ("prune_worker_records",),
            daily_at=time(3, 30),
            what="finished tasks, claimed runs, heartbeats and webhook deliveries older than "
            "a week",
        ),
    ]


def jobs_by_name():
    return {job.name: job for job in schedule()}


@task()
def run_scheduled_job(name):
    job = jobs_by_name()[name]
    output = StringIO()
    call_command(*job.command, stdout=output, stderr=output)
    logger.info("Scheduled job %s done. %s", name, output.getvalue().strip())
    return output.getvalue()


def claim_and_enqueue(job, slot, worker_id):
    """Enqueue `job` for `slot` unless another worker has; True if this one did."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.name, slot=slot, worker_id=worker_id)
            run_scheduled_job.enqueue(job.name)
    except IntegrityError:
        return False
    logger.info("Scheduled job %s queued (slot %s)", job.name, slot)
    return True


class Scheduler:
    """Writes the worker's heartbeat on each tick and, unless `jobs` is off, runs the jobs."""

    def __init__(self, worker_id, jobs=True):
        self.worker_id = worker_id
        self.jobs = jobs
        self.stopped = threading.Event()
        self.last_slots = {}  # job → the slot this process last tried: no insert to repeat

    def tick(self, now=None):
        now = now or timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"host": socket.gethostname()[:255], "pid": os.getpid(), "seen_at": now},
        )
        for job in schedule() if self.jobs else []:
            slot = job.slot(now)
            if slot is None or self.last_slots.get(job.name) == slot:
                continue
            claim_and_enqueue(job, slot, self.worker_id)
            self.last_slots[job.name] = slot

    def run(self):
        """Tick until `stop()`; a database outage skips ticks, never ends the loop."""
        logger.info("Schedule started (worker %s)", self.worker_id)
        while not self.stopped.is_set():
            close_old_connections()
            try:
                self.tick()
            except DatabaseError as error:
                logger.warning("Schedule tick skipped: %s", error)
            close_old_connections()
            self.stopped.wait(TICK_SECONDS)

    def stop(self):
        self.stopped.set()
