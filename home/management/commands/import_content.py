"""Restore an export (export_content --out DIR --media) into an empty installation."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from home.importing import ContentImport


class Command(BaseCommand):
    help = (
        "Read what `export_content --media` wrote into an empty installation: pages with their "
        "tree, images and documents with their files, partners, slides, promo blocks, comments "
        "with their attachments and the site settings. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Folder export_content wrote (--out)")

    def handle(self, *args, folder, **options):
        restore = ContentImport(folder)
        try:
            with transaction.atomic():
                counts = restore.run()
        except BaseException:
            for storage, name in restore.saved_files:  # the rows are gone, so are their files
                storage.delete(name)
            raise
        summary = ", ".join(f"{label}: {count}" for label, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Восстановлено из {folder}: {summary}."))
