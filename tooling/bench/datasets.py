"""Where a bench data set lives: its own database, media and comment files, never the dev ones."""

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_WORD = "bench"  # only a database whose name contains it is ever flushed


class DataSet:
    """A data set of `news` items: a database plus a folder for its files and its manifest.

    SQLite: everything under var/bench-<news>/. PostgreSQL: the database named by the URL,
    which must contain "bench" in its name, since rebuilding flushes it.
    """

    def __init__(self, root, news, database_url=None):
        self.news = news
        if database_url:
            name = urlsplit(database_url).path.lstrip("/")
            if BENCH_WORD not in name:
                raise ValueError(
                    f"DATABASE_URL names the database {name!r}: the benchmark flushes its "
                    f"database when it builds the data set, so the name must contain {BENCH_WORD!r}"
                )
            self.folder = Path(root) / "var" / f"bench-{name}"
            self.url = database_url
        else:
            self.folder = Path(root) / "var" / f"bench-{news}"
            self.url = f"sqlite:///{self.folder / 'db.sqlite3'}"
        self.manifest_path = self.folder / "data-set.json"

    @property
    def is_postgres(self):
        return self.url.startswith(("postgres://", "postgresql://"))

    def manifest(self):
        """What the last complete build recorded, or None."""
        if not self.manifest_path.exists():
            return None
        return json.loads(self.manifest_path.read_text())

    def clear_files(self):
        """Forget the old build: its files (and its SQLite database) go; PostgreSQL is flushed."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        if self.is_postgres:
            ensure_postgres_database(self.url, urlsplit(self.url).path.lstrip("/"))

    def small_companion(self, news):
        """The small data set the query counts are compared with, on the same engine."""
        if not self.is_postgres:
            return DataSet(self.folder.parent.parent, news)
        parts = urlsplit(self.url)
        name = f"{parts.path.lstrip('/')}_small"
        return DataSet(self.folder.parent.parent, news, urlunsplit(parts._replace(path=name)))


def ensure_postgres_database(url, name):
    """CREATE DATABASE `name` on the server of `url` unless it exists."""
    import psycopg
    from psycopg import sql

    server = urlunsplit(urlsplit(url)._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
