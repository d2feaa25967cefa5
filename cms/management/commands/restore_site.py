"""Restore a backup_site archive into an empty installation: `manage.py restore_site FILE`."""

import time
from pathlib import Path

from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cms.backup import archive as backup_archive
from cms.backup import database
from cms.backup.storages import backed_up_storages
from cms.management.commands.backup_site import megabytes


class Command(BaseCommand):
    help = (
        "Restore a backup_site archive: the database (same kind as it was taken from), media "
        "and comment attachments, then apply newer migrations. Refuses a site with content "
        "unless --force, and an archive from newer code. Stop the site while it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore over a site with content: its database is replaced and its files "
            "of the same names overwritten (others are left).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only read the whole archive and say whether it can be restored here.",
        )

    def handle(self, *args, archive, force, check, **options):
        started = time.monotonic()
        checked = backup_archive.check(archive)
        manifest = checked.manifest
        refuse_incompatible(manifest)
        made = f"{archive} ({megabytes(checked.size)}, made {manifest['created']})"
        if check:
            self.stdout.write(f"{made} is complete and can be restored here.")
            return
        if not force and (occupied := occupied_parts()):
            raise CommandError(
                f"This site is not empty ({', '.join(occupied)} hold content): restore into "
                "an empty installation, or add --force to replace what it holds."
            )

        def verify_database():
            if differing := database.differing_rows(manifest["rows"]):
                raise CommandError(f"Restored rows differ from the archive's: {differing}.")

        backup_archive.restore(archive, manifest, overwrite=force, on_database=verify_database)
        call_command("migrate", interactive=False, verbosity=0)
        clear_caches()
        files = ", ".join(
            f"{name}: {part['count']} files" for name, part in manifest["files"].items()
        )
        self.stdout.write(
            f"Restored {made} in {time.monotonic() - started:.1f} s: "
            f"{sum(manifest['rows'].values())} rows in {len(manifest['rows'])} tables; {files}."
        )


def refuse_incompatible(manifest):
    """Refuse an archive this code cannot restore, before anything is touched."""
    if manifest["database"]["kind"] != database.kind():
        raise CommandError(
            f"The archive holds a {manifest['database']['kind']} database and this site uses "
            f"{database.kind()}: restore into the same kind of database."
        )
    if newer := database.unknown_migrations(manifest["migrations"]):
        raise CommandError(
            "The archive comes from newer code: its database has migrations this code lacks "
            f"({', '.join(newer)}). Deploy that code first."
        )


def occupied_parts():
    parts = [] if database.is_empty() else ["the database"]
    return parts + [backed.name for backed in backed_up_storages() if not backed.is_empty()]


def clear_caches():
    """Cached pages, rendition URLs and Wagtail's site paths describe the site that was
    there before. A Redis cache loses only its own keys (its prefix), not the database."""
    for cache in caches.all():
        if hasattr(cache, "delete_pattern"):
            cache.delete_pattern("*")
        else:
            cache.clear()
