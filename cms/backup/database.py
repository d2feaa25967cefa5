"""The database in a backup, copied by its own tools: pg_dump and pg_restore for PostgreSQL,
SQLite's online backup API for SQLite. Either copy is consistent while the site writes, and
the row counts and applied migrations in the manifest are read from that same copy."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass

from psycopg.conninfo import make_conninfo

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import DatabaseError, connection
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

KINDS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# libpq's name for each database setting that pg_dump and pg_restore connect with.
LIBPQ_KEYWORDS = {"dbname": "NAME", "host": "HOST", "port": "PORT", "user": "USER"}


@dataclass
class DatabaseCopy:
    kind: str
    server_version: str
    tool: str
    rows: dict  # {table: row count}
    migrations: dict  # {app label: [applied migration, …]}

    @property
    def member(self):
        return KINDS[self.kind]


def kind():
    """The database kind of this site, as the manifest names it."""
    if connection.vendor not in KINDS:
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def copy_to(path):
    """Write a consistent copy of the database to `path`; what it holds, as a DatabaseCopy."""
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    if "django_migrations" not in connection.introspection.table_names():
        raise CommandError("The database has never been migrated: there is nothing to back up.")
    if kind() == "sqlite":
        return copy_sqlite(path, tables)
    return copy_postgresql(path, tables)


def copy_sqlite(path, tables):
    source = connection.get_new_connection(connection.get_connection_params())
    with closing(source), closing(sqlite3.connect(path)) as copy:
        source.backup(copy)  # in one step: one read transaction, so one moment of the database
        cursor = copy.cursor()
        return DatabaseCopy(
            kind="sqlite",
            server_version=sqlite3.sqlite_version,
            tool=f"SQLite {sqlite3.sqlite_version} online backup",
            rows=count_rows(cursor, tables),
            migrations=applied_migrations(cursor),
        )


def copy_postgresql(path, tables):
    """pg_dump of a snapshot that the counts are read from too (pg_export_snapshot)."""
    session = connection.Database.connect(**connection.get_connection_params())
    with closing(session):
        cursor = session.cursor()
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        rows, migrations = count_rows(cursor, tables), applied_migrations(cursor)
        # Uncompressed: the archive's gzip compresses it once.
        run_pg_tool(
            "pg_dump",
            "--format=custom",
            "--compress=0",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={path}",
        )
        session.rollback()
    return DatabaseCopy(
        kind="postgresql",
        server_version=server_version,
        tool=pg_tool_version("pg_dump"),
        rows=rows,
        migrations=migrations,
    )


def count_rows(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor):
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def unknown_migrations(archived):
    """Migrations applied in the archived database that this code does not have ("app.name"):
    the archive comes from newer code. Apps this code does not install are left aside."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)  # squashed away, applied in an older database
    installed = {app.label for app in apps.get_app_configs()}
    return [
        f"{app}.{name}"
        for app, names in sorted(archived.items())
        if app in installed
        for name in names
        if (app, name) not in known
    ]


def is_empty():
    """No tables, or only what `migrate` makes: no account, page revision, image, document
    or page of our own. Comments and requests cannot exist without pages and revisions."""
    if not connection.introspection.table_names():
        return True
    try:
        return not any(
            queryset.exists()
            for queryset in (
                get_user_model().objects.all(),
                Revision.objects.all(),
                get_image_model().objects.all(),
                get_document_model().objects.all(),
                Page.objects.filter(depth__gt=2),  # Wagtail's own root and welcome page
            )
        )
    except DatabaseError:  # tables of another schema or a half-applied migration
        return False


def restore_from(path):
    """Replace the whole database with the copy at `path` (made by copy_to, from the same
    kind of database)."""
    connection.close()
    if kind() == "sqlite":
        target = connection.get_new_connection(connection.get_connection_params())
        with closing(sqlite3.connect(path)) as copy, closing(target):
            copy.backup(target)  # every page of the file, tables that were there included
    else:
        schema = drop_tables()
        run_pg_tool(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            # The site's schema, the one just emptied: another schema in the database (an
            # extension's, a copy kept by tests) is neither restored over nor refused.
            f"--schema={schema}",
            str(path),
        )
    connection.close()


def drop_tables():
    """Empty the site's schema for pg_restore (a fresh `migrate` or an older site may have made
    tables that the dump makes again) and return its name."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        (schema,) = cursor.fetchone()
        tables = [
            connection.ops.quote_name(table.name)
            for table in connection.introspection.get_table_list(cursor)
            if table.type == "t"
        ]
        if tables:
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(tables)} CASCADE")
    connection.close()
    return schema


def differing_rows(expected):
    """{table: (archived, restored)} for every table whose row count differs from `expected`."""
    with connection.cursor() as cursor:
        restored = count_rows(cursor, expected)
    return {
        table: (count, restored[table])
        for table, count in expected.items()
        if restored[table] != count
    }


def run_pg_tool(tool, *arguments):
    """Run pg_dump or pg_restore on this site's database; the password goes in the
    environment, not on the command line."""
    if shutil.which(tool) is None:
        raise CommandError(f"{tool} is not installed: install postgresql-client.")
    settings_dict = connection.settings_dict
    _, password_env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    conninfo = make_conninfo(
        **{
            keyword: str(settings_dict[key])
            for keyword, key in LIBPQ_KEYWORDS.items()
            if settings_dict.get(key)
        }
    )
    result = subprocess.run(
        [tool, *arguments, f"--dbname={conninfo}"],
        env=os.environ | (password_env or {}),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CommandError(f"{tool} failed: {result.stderr.strip()}")


def pg_tool_version(tool):
    return subprocess.run([tool, "--version"], capture_output=True, text=True).stdout.strip()
