"""Forget what the worker no longer needs: finished tasks, old claimed runs, dead workers, and
webhook deliveries (with their attempts) past the week the admin shows them for."""

from django_tasks import task_backends
from django_tasks_db import DatabaseBackend

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.models import ScheduledRun, WebhookDelivery, WorkerHeartbeat
from cms.schedule import RECORDS_KEPT


class Command(BaseCommand):
    help = (
        "Delete finished task results, claimed scheduled runs, stale worker heartbeats and "
        "old webhook deliveries."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - RECORDS_KEPT
        runs, _ = ScheduledRun.objects.filter(claimed_at__lt=cutoff).delete()
        beats, _ = WorkerHeartbeat.objects.filter(seen_at__lt=cutoff).delete()
        deliveries = WebhookDelivery.objects.filter(created_at__lt=cutoff).exclude(
            state=WebhookDelivery.RETRYING
        )
        _, deleted = deliveries.delete()
        self.stdout.write(
            f"Scheduled runs deleted: {runs}; worker heartbeats deleted: {beats}; "
            f"webhook deliveries deleted: {deleted.get(WebhookDelivery._meta.label, 0)}."
        )
        if isinstance(task_backends["default"], DatabaseBackend):
            days = str(RECORDS_KEPT.days)
            call_command(
                "prune_db_task_results", "--min-age-days", days, "--failed-min-age-days", days,
                stdout=self.stdout,
            )  # fmt: skip
