"""Reading the old site's database: a MariaDB started for the import with the dump loaded
into it, or a server that already runs (--database mysql://…), read with PyMySQL."""

import getpass
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pymysql
import pymysql.cursors

from django.core.management.base import CommandError

MARIADB_PACKAGE = "mariadb-server"
DATABASE_NAME = "old_site"
SERVER_START_SECONDS = 30


def find_program(*names):
    for name in names:
        found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
        if found:
            return found
    raise CommandError(
        f"Не найдена программа {names[0]}: установите пакет Debian «{MARIADB_PACKAGE}» "
        f"(apt-get install {MARIADB_PACKAGE})."
    )


class OwnMariaDB:
    """A throwaway MariaDB server in a temporary folder, reachable only by its socket."""

    def __init__(self):
        self.server = find_program("mariadbd", "mysqld")
        self.client = find_program("mariadb", "mysql")
        self.folder = Path(tempfile.mkdtemp(prefix="joomla-import-"))
        self.socket = self.folder / "mariadb.sock"
        self.process = None

    def start(self):
        """Start on an empty data folder: with --skip-grant-tables the server needs no system
        tables, which saves mariadb-install-db's second or two. A server that will not start
        so gets them, and a second try."""
        data = self.folder / "data"
        data.mkdir()
        try:
            return self.launch(data)
        except CommandError:
            self.stop_process()
        shutil.rmtree(data)
        self.run(
            [
                find_program("mariadb-install-db", "mysql_install_db"),
                "--no-defaults",
                f"--datadir={data}",
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
            ],
            "подготовить временную базу MariaDB",
        )
        return self.launch(data)

    def launch(self, data):
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments
            [
                self.server,
                "--no-defaults",
                f"--datadir={data}",
                f"--socket={self.socket}",
                f"--pid-file={self.folder / 'mariadb.pid'}",
                f"--log-error={self.folder / 'error.log'}",
                "--skip-networking",
                "--skip-grant-tables",
                "--skip-log-bin",
                "--sql-mode=",  # lenient, as old hosting servers were: zero dates, long values
                "--innodb-buffer-pool-size=64M",
                "--innodb-flush-log-at-trx-commit=0",
                "--max-allowed-packet=256M",
                f"--user={getpass.getuser()}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"MariaDB не запустилась: {self.error_log()}")
            try:
                self.connect("").close()
                return self
            except pymysql.err.OperationalError:
                time.sleep(0.05)
        raise CommandError(f"MariaDB не ответила за {SERVER_START_SECONDS} с: {self.error_log()}")

    def error_log(self):
        log = self.folder / "error.log"
        lines = log.read_text(errors="replace").splitlines() if log.exists() else []
        return " / ".join(line for line in lines[-5:] if "ERROR" in line) or "см. журнал"

    def run(self, command, what, **kwargs):
        result = subprocess.run(command, capture_output=True, check=False, **kwargs)  # noqa: S603
        if result.returncode:
            message = result.stderr.decode(errors="replace").strip().splitlines()[-1:]
            raise CommandError(f"Не удалось {what}: {' '.join(message)}")

    def connect(self, database=DATABASE_NAME):
        return pymysql.connect(
            unix_socket=str(self.socket),
            user="root",
            database=database or None,
            charset="utf8mb4",
            cursorclass=pymysql.cursors.DictCursor,
        )

    def load(self, dump):
        """Load the .sql file as mysqldump wrote it, with the `mariadb` client."""
        connection = self.connect("")
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE `{DATABASE_NAME}` CHARACTER SET utf8mb4")
        connection.close()
        with open(dump, "rb") as stream:
            self.run(
                [
                    self.client,
                    "--no-defaults",
                    f"--socket={self.socket}",
                    "--user=root",
                    "--default-character-set=utf8mb4",
                    "--max-allowed-packet=256M",
                    DATABASE_NAME,
                ],
                f"загрузить дамп {dump}",
                stdin=stream,
            )

    def loaded_database(self):
        """Where the dump put its tables: ours, or the database a `mysqldump --databases`
        dump creates and switches to (the one with the most tables)."""
        connection = self.connect("")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_schema AS name, COUNT(*) AS tables FROM information_schema.tables "
                "WHERE table_schema NOT IN ('mysql', 'information_schema', "
                "'performance_schema', 'sys') GROUP BY table_schema ORDER BY tables DESC"
            )
            found = cursor.fetchall()
        connection.close()
        return found[0]["name"] if found else DATABASE_NAME

    def stop_process(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=SERVER_START_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def stop(self):
        self.stop_process()
        shutil.rmtree(self.folder, ignore_errors=True)


def connect_url(url):
    """A connection to a running server from mysql://user:password@host:port/database
    (or mysql://user@localhost/database?unix_socket=/path/to/socket)."""
    parts = urlparse(url)
    socket = parse_qs(parts.query).get("unix_socket", [None])[0]
    if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
        raise CommandError("Адрес базы: mysql://пользователь:пароль@сервер:порт/база")
    try:
        return pymysql.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 3306,
            user=unquote(parts.username or "root"),
            password=unquote(parts.password or ""),
            database=parts.path.strip("/"),
            unix_socket=socket,
            charset="utf8mb4",
            cursorclass=pymysql.cursors.DictCursor,
        )
    except pymysql.err.MySQLError as error:
        raise CommandError(f"Не удалось подключиться к базе старого сайта: {error}") from error


@contextmanager
def old_site_database(dump=None, url=None):
    """A connection to the old site's database: the dump loaded into our own MariaDB, or a
    running server."""
    if url:
        connection = connect_url(url)
        try:
            yield connection
        finally:
            connection.close()
        return
    if not dump or not Path(dump).is_file():
        raise CommandError(f"Нет файла дампа: {dump}")
    server = OwnMariaDB()
    try:
        server.start()
        server.load(dump)
        connection = server.connect(server.loaded_database())
        try:
            yield connection
        finally:
            connection.close()
    finally:
        server.stop()


class OldSite:
    """The rows the import needs, read from the old site's tables (prefix `jos_` etc.)."""

    def __init__(self, connection, prefix="jos_"):
        self.connection = connection
        self.prefix = prefix
        with connection.cursor() as cursor:
            cursor.execute("SHOW TABLES")
            self.tables = {next(iter(row.values())) for row in cursor.fetchall()}
        if self.table("content") not in self.tables:
            raise CommandError(
                f"В базе нет таблицы {self.table('content')}: проверьте префикс (--prefix)."
            )

    def table(self, name):
        return f"{self.prefix}{name}"

    def has(self, name):
        return self.table(name) in self.tables

    def rows(self, sql, *args):
        with self.connection.cursor() as cursor:
            cursor.execute(sql.replace("#__", self.prefix), args)
            return cursor.fetchall()

    def categories(self):
        return self.rows(
            "SELECT id, parent_id, path, alias, title, published FROM `#__categories` "
            "WHERE extension = 'com_content' ORDER BY lft, id"
        )

    def articles(self):
        return self.rows("SELECT * FROM `#__content` ORDER BY id")

    def tags(self):
        if not (self.has("tags") and self.has("contentitem_tag_map")):
            return []
        return self.rows(
            "SELECT m.content_item_id AS article_id, t.id, t.title, t.alias "
            "FROM `#__contentitem_tag_map` m JOIN `#__tags` t ON t.id = m.tag_id "
            "WHERE m.type_alias = 'com_content.article' AND t.published = 1 "
            "ORDER BY m.content_item_id, t.lft, t.id"
        )

    def menu_items(self):
        if not self.has("menu"):
            return []
        return self.rows(
            "SELECT id, path, link, type, published FROM `#__menu` "
            "WHERE client_id = 0 AND published = 1 AND type = 'component' ORDER BY lft, id"
        )

    def comments(self):
        if not self.has("komento_comments"):
            return []
        return self.rows(
            "SELECT * FROM `#__komento_comments` WHERE component = 'com_content' ORDER BY id"
        )

    def uploads(self):
        if not self.has("komento_uploads"):
            return []
        return self.rows("SELECT * FROM `#__komento_uploads` ORDER BY uid, id")
