"""Forget what the worker no longer needs: finished tasks, old claimed runs, dead workers."""

from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.models import ScheduledRun, WorkerHeartbeat
from cms.schedule import RECORDS_KEPT


class Command(BaseCommand):
    help = "Delete finished task results, claimed scheduled runs and stale worker heartbeats."

    def handle(self, *args, **options):
        cutoff = timezone.now() - RECORDS_KEPT
        runs, _ = ScheduledRun.objects.filter(claimed_at__lt=cutoff).delete()
        beats, _ = WorkerHeartbeat.objects.filter(seen_at__lt=cutoff).delete()
        self.stdout.write(f"Scheduled runs deleted: {runs}; worker heartbeats deleted: {beats}.")
        if isinstance(task_backends["default"], DatabaseBackend):
            days = str(RECORDS_KEPT.days)
            call_command(
                "prune_db_task_results", "--min-age-days", days, "--failed-min-age-days", days,
                stdout=self.stdout,
            )  # fmt: skip
