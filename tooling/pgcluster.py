"""A private PostgreSQL cluster from the machine's server binaries, for the fault tests:
created in a temporary folder, started on its own port, restarted and removed by its owner."""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

SERVER_USER = "postgres"  # initdb and postgres refuse to run as root
INSTALL_HINT = "`make test` installs them (Debian's postgresql package)"


def server_bin():
    """The bin folder of the newest PostgreSQL server installed (Debian's layout)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_major_version)
    if not found:
        raise FileNotFoundError(
            f"No PostgreSQL server binaries under /usr/lib/postgresql: {INSTALL_HINT}"
        )
    return Path(found[-1]).parent


def _major_version(pg_ctl_path):
    return int(Path(pg_ctl_path).parts[-3])


class PostgresCluster:
    """initdb, start on 127.0.0.1:`port` with trust auth for `postgres`, stop and remove.

    As root, the server runs as the `postgres` OS user in a folder it owns; otherwise as the
    current user. No fsync: a fast restart still shuts down cleanly, and only an OS crash
    would need it.
    """

    def __init__(self, port):
        self.port = port
        self.bin = server_bin()
        self.folder = Path(tempfile.mkdtemp(prefix="pg-cluster-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.as_root = os.geteuid() == 0

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}"

    def database_url(self, name):
        return f"{self.url}/{name}"

    def __enter__(self):
        if self.as_root:
            user = pwd.getpwnam(SERVER_USER)
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        try:
            self.run("initdb", "--pgdata", self.data, "--username=postgres", "--auth=trust",
                     "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
            settings = (
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.folder}'\nfsync = off\n"
                "full_page_writes = off\nmax_connections = 50\n"
            )
            with open(self.data / "postgresql.conf", "a") as conf:
                conf.write(settings)
            self.pg_ctl("start")
        except BaseException:
            self.remove()
            raise
        return self

    def __exit__(self, *exc_info):
        try:
            self.pg_ctl("stop", "-m", "immediate")
        finally:
            self.remove()

    def restart(self):
        """`pg_ctl restart -m fast`: every connection is cut, the server is back on return."""
        self.pg_ctl("restart", "-m", "fast")

    def create_database(self, name):
        self.run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def pg_ctl(self, action, *options):
        self.run("pg_ctl", action, "--pgdata", self.data, "--log", self.log, "--wait",
                 "--timeout=60", *options)  # fmt: skip

    def run(self, program, *arguments):
        command = [str(self.bin / program), *map(str, arguments)]
        if self.as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        result = subprocess.run(command, cwd=self.folder, capture_output=True, text=True)
        if result.returncode:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}{log}")

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)
