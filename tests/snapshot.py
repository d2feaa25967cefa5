"""A copy of every row of the test database, put back in one go.

The browser tests build the demo site once per worker and start each test from a copy of it,
instead of building it again (seconds) after every live-server test's flush. SQLite's test
database is copied whole with SQLite's backup API, its id counters with it; on PostgreSQL
each table of Django's models is copied into a schema of its own (which a flush leaves
alone) and copied back, and sequences are left as they are: they only grow, so rows made
after a restore never take an id the copy holds.
"""

import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from wagtail.contrib.forms.utils import get_form_types


class Snapshot:
    """Taken when made; `restore()` puts it back, as often as needed, outside a transaction."""

    def __init__(self, name):
        self.name = name
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.copy)
        elif connection.vendor == "postgresql":
            self.tables = connection.introspection.django_table_names(
                only_existing=True, include_views=False
            )
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
                cursor.execute(f"CREATE SCHEMA {self.schema}")
                for table in self.tables:
                    cursor.execute(
                        f"CREATE TABLE {self.schema}.{quote(table)} AS TABLE {quote(table)}"
                    )
        else:
            raise NotImplementedError(f"no snapshot for {connection.vendor}")

    @property
    def schema(self):
        return f"snapshot_{self.name}"

    def restore(self):
        """Make the database again what it was when the snapshot was taken."""
        connection.ensure_connection()
        assert not connection.in_atomic_block, "restore outside of a transaction"
        if connection.vendor == "sqlite":
            self.copy.backup(connection.connection)
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                # Django's foreign keys on PostgreSQL are checked at commit, so tables may be
                # filled in any order.
                cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in self.tables)}")
                for table in self.tables:
                    cursor.execute(
                        f"INSERT INTO {quote(table)} SELECT * FROM {self.schema}.{quote(table)}"
                    )
        forget_content_types()

    def discard(self):
        """Drop the copy: on PostgreSQL its schema would stay in the test database (and in
        a backup test's dump of it)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")


def forget_content_types(**kwargs):
    """Content types are made again, under other ids, by a flush (its post_migrate) and by a
    restore: drop what the process keeps of the old ones. Django's cache of them, and
    Wagtail's list of form page types, which decides whose submissions an editor may see."""
    ContentType.objects.clear_cache()
    get_form_types.cache_clear()


def quote(name):
    return connection.ops.quote_name(name)
