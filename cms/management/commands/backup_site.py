"""Back the site up into one archive: `manage.py backup_site /var/backups/site --keep 14`."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.backup import archive as backup_archive

ARCHIVE_PATTERN = "site-*.tar.gz"


class Command(BaseCommand):
    help = (
        "Back up the database, media (images with their renditions, documents) and comment "
        "attachments into one .tar.gz with a manifest. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            type=Path,
            help="The file to write, or an existing folder to write site-DATE-TIME.tar.gz into.",
        )
        parser.add_argument(
            "--keep",
            type=int,
            help="With a folder: then delete all but this many newest site-*.tar.gz in it.",
        )

    def handle(self, *args, archive, keep, **options):
        folder = archive if archive.is_dir() else None
        if keep is not None and (folder is None or keep < 1):
            raise CommandError("--keep needs a folder and a number of at least 1.")
        if folder:
            archive = folder / f"site-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        elif not archive.parent.is_dir():
            raise CommandError(f"There is no folder {archive.parent} to write the archive in.")
        started = time.monotonic()
        manifest = backup_archive.write(archive)
        seconds = time.monotonic() - started
        files = ", ".join(
            f"{name}: {part['count']} files, {megabytes(part['bytes'])}"
            for name, part in manifest["files"].items()
        )
        self.stdout.write(
            f"Backed up to {archive} ({megabytes(archive.stat().st_size)}) in {seconds:.1f} s: "
            f"{manifest['database']['kind']} database, "
            f"{sum(manifest['rows'].values())} rows in {len(manifest['rows'])} tables; {files}."
        )
        if keep:
            for old in sorted(folder.glob(ARCHIVE_PATTERN))[:-keep]:
                old.unlink()
                self.stdout.write(f"Deleted the older backup {old}.")


def megabytes(size):
    return f"{size / 1_000_000:.1f} MB"
