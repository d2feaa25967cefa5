"""Forget commenters' IP addresses after the retention period (run daily from cron)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from news.comments.models import ReaderComment, comment_file_storage


class Command(BaseCommand):
    help = (
        "Clear the IP addresses of comments older than COMMENTS_IP_RETENTION_DAYS "
        "(or --days) and delete files left from refused comment submits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.COMMENTS_IP_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - timedelta(days=days)
        cleared = (
            ReaderComment.objects.filter(submit_date__lt=cutoff, ip_address__isnull=False)
            .order_by()
            .update(ip_address=None)
        )
        stale = self.purge_staged_files(timezone.now() - timedelta(days=1))
        self.stdout.write(f"IP addresses cleared: {cleared}; stale uploads deleted: {stale}.")

    def purge_staged_files(self, cutoff):
        """Files kept for a refused submit that was never sent again."""
        try:
            names = comment_file_storage.listdir("staged")[1]
        except FileNotFoundError:  # on disk the folder comes with the first staged file
            return 0
        deleted = 0
        for name in names:
            path = f"staged/{name}"
            if comment_file_storage.get_modified_time(path) < cutoff:
                comment_file_storage.delete(path)
                deleted += 1
        return deleted
