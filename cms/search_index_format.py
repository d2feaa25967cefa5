"""Rebuild an existing SQLite search index once when what it stores changes.

An index written before Russian stems (or by an older cms.search_stemming.INDEX_FORMAT) would
not match stemmed queries. After `migrate` has applied every migration, the SQLite database's
`PRAGMA user_version` (an integer SQLite keeps for the application, unused by Django) tells
which format its index is in; an older one is rebuilt with `update_index` and the number
raised. PostgreSQL's index does not depend on it and is left alone.
"""

import sys

from django.core.management import call_command
from django.db import connections, router
from django.db.migrations.executor import MigrationExecutor

from wagtail.search.models import IndexEntry

from .search_stemming import INDEX_FORMAT


def index_format(connection):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA user_version")
        return cursor.fetchone()[0]


def set_index_format(connection, value):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA user_version = {int(value)}")


def fully_migrated(connection):
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def rebuild_outdated_index(sender, using, verbosity=1, stdout=None, **kwargs):
    """post_migrate receiver (sent once per app: connected for the cms app only)."""
    connection = connections[using]
    if connection.vendor != "sqlite" or using != router.db_for_write(IndexEntry):
        return
    if index_format(connection) >= INDEX_FORMAT or not fully_migrated(connection):
        return
    if verbosity:
        (stdout or sys.stdout).write(
            "  Rebuilding the search index in its new format (Russian stems)\n"
        )
    call_command("update_index", verbosity=0)
    set_index_format(connection, INDEX_FORMAT)
