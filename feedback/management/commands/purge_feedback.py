"""Delete readers' requests closed more than FEEDBACK_RETENTION_MONTHS months ago."""

import calendar

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from feedback.models import FeedbackRequest


def months_ago(moment, months):
    """The same day and time `months` calendar months earlier (the month's last day if shorter)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


class Command(BaseCommand):
    help = (
        "Delete requests («Решаем вместе») closed more than FEEDBACK_RETENTION_MONTHS months "
        "ago, with their history. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Override FEEDBACK_RETENTION_MONTHS for this run.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only count what would go.")

    def handle(self, *args, months, dry_run, **options):
        months = settings.FEEDBACK_RETENTION_MONTHS if months is None else months
        cutoff = months_ago(timezone.now(), months)
        expired = FeedbackRequest.objects.filter(
            status=FeedbackRequest.Status.CLOSED, closed_at__lt=cutoff
        )
        count = expired.count()
        if not dry_run:
            expired.delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} request(s) closed before {cutoff:%Y-%m-%d}.")
