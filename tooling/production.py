"""The site under production settings on a throwaway database: its environment, its commands."""

import fcntl
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WITH_TOOLING = "tooling.production_settings"
MIGRATED = ROOT / "var" / "migrated"  # SQLite databases migrated once, copied for each site


def production_env(folder, database_url=None, static_root=None, secret_key=None):
    """os.environ plus production settings (DEBUG off) whose data all lives in `folder`.

    The database is `database_url`, else SQLite in `folder`; media, comment files and the
    page cache's files go under `folder`, collected static files to `static_root` (default
    `folder`/static). Plain HTTP on 127.0.0.1: no HTTPS redirect, no HSTS.
    """
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secret_key or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url or f"sqlite:///{folder / 'db.sqlite3'}",
        "DATA_DIR": str(folder),  # the page cache's files when there is no REDIS_URL
        "MEDIA_ROOT": str(folder / "media"),
        "COMMENTS_FILES_ROOT": str(folder / "comment-files"),
        "STATIC_ROOT": str(static_root or folder / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",  # building a data set logs every page task at INFO
    }


def manage(env, *command):
    """`manage.py command` in a production_env, the tooling app's commands available too.

    Its tasks (renditions, the search index) run inside the command unless `env` names a
    TASKS_BACKEND: a data set is whole when the command returns, with no worker to wait for.
    """
    env = {"TASKS_BACKEND": "immediate"} | env | {"DJANGO_SETTINGS_MODULE": WITH_TOOLING}
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def migrate(env):
    """`manage.py migrate` on the env's new database. A SQLite database is a copy of one
    migrated before with the same migrations and packages (made by the first process that
    needs it, the others wait on a lock), written over whatever file is there: migrating a
    new database costs some 20 s of CPU, and the suite and the bench start several sites."""
    url = env["DATABASE_URL"]
    if not url.startswith("sqlite:///"):
        manage(env, "migrate", "--noinput", "-v0")
        return
    MIGRATED.mkdir(parents=True, exist_ok=True)
    template = MIGRATED / f"{migrations_fingerprint()}.sqlite3"
    with (MIGRATED / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = template.with_suffix(".building")
            building.unlink(missing_ok=True)
            manage(env | {"DATABASE_URL": f"sqlite:///{building}"}, "migrate", "--noinput", "-v0")
            building.rename(template)
    shutil.copyfile(template, url.removeprefix("sqlite:///"))


def migrations_fingerprint():
    """A digest of the project's migrations and the pinned packages (theirs)."""
    migrations = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name for name in subfolders if not name.startswith(".") and name not in SKIPPED
        ]
        if Path(folder).name == "migrations":
            migrations += [Path(folder) / name for name in files if name.endswith(".py")]
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes())
    for path in sorted(migrations):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


SKIPPED = {"node_modules", "var", "test-artifacts", "__pycache__", "media", "static_collected"}
