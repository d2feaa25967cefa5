"""Delete readers' sign-ups EVENT_SIGNUP_RETENTION_DAYS days after their date ended."""

from django.core.management.base import BaseCommand

from events.signups import EventSignUp, retention_cutoff


class Command(BaseCommand):
    help = (
        "Delete sign-ups for events (names, contacts, children's ages) whose date ended more "
        "than EVENT_SIGNUP_RETENTION_DAYS days ago. The worker runs it nightly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would go.")

    def handle(self, *args, dry_run, **options):
        cutoff = retention_cutoff()
        expired = EventSignUp.objects.ended_before(cutoff)
        count = expired.count()
        if not dry_run:
            expired.delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {count} sign-up(s) for dates ended before {cutoff:%Y-%m-%d}.")
