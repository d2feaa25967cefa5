"""The test database on SQLite, copied from one migrated before instead of migrated again.

Migrating a new test database costs each xdist worker some 13 s of CPU at the start of every
run (20 s and more when both workers do it at once). The first worker that needs the
database migrates it as pytest-django would and keeps a copy under var/migrated/; the other
worker, and every later run, waits on the lock and copies it (SQLite's backup API, well
under a second). The copy is keyed by everything that decides what `migrate` writes: the
migrations, the project's code (post_migrate receivers make groups, workflows, the search
index's format), the pinned packages and the settings that name apps and languages. Any
change to them migrates afresh. PostgreSQL runs are migrated as before.
"""

import fcntl
import hashlib
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core import management
from django.db import DEFAULT_DB_ALIAS, connections

from tooling.production import MIGRATED, ROOT, SKIPPED

KEYED_SETTINGS = [
    "INSTALLED_APPS",
    "LANGUAGE_CODE",
    "LANGUAGES",
    "WAGTAIL_CONTENT_LANGUAGES",
    "WAGTAIL_I18N_ENABLED",
    "AUTH_USER_MODEL",
    "SETTINGS_MODULE",
]


def fingerprint():
    """A digest of the project's Python code (tests aside), its requirements and the
    settings that change what migrations make."""
    digest = hashlib.sha256()
    for name in ("requirements.txt", "requirements-dev.txt"):
        digest.update((ROOT / name).read_bytes())
    sources = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and name not in SKIPPED and name != "tests"
        ]
        sources += [Path(folder) / name for name in files if name.endswith(".py")]
    for path in sorted(sources):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    for name in KEYED_SETTINGS:
        digest.update(f"{name}={getattr(settings, name, None)!r}".encode())
    return digest.hexdigest()[:16]


@contextmanager
def migrate_from_template():
    """While pytest-django sets up the test database: its `migrate` on SQLite copies the
    kept database (made by the first migrate, under a lock), once; other commands and
    other databases go through unchanged."""
    original = management.call_command
    done = []

    def call_command(name, *args, **options):
        connection = connections[options.get("database", DEFAULT_DB_ALIAS)]
        if name != "migrate" or done or connection.vendor != "sqlite":
            return original(name, *args, **options)
        done.append(name)
        MIGRATED.mkdir(parents=True, exist_ok=True)
        template = MIGRATED / f"test-{fingerprint()}.sqlite3"
        with (MIGRATED / "lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            connection.ensure_connection()
            if template.exists():
                with sqlite3.connect(template) as kept:
                    kept.backup(connection.connection)
                kept.close()
                return None
            result = original(name, *args, **options)
            building = template.with_suffix(".building")
            building.unlink(missing_ok=True)
            with sqlite3.connect(building) as copy:
                connection.connection.backup(copy)
            copy.close()
            building.rename(template)
            for stale in MIGRATED.glob("test-*.sqlite3"):
                if stale != template:
                    stale.unlink()
            return result

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = original
