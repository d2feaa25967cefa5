"""The site under production settings on a throwaway database: its environment, its commands."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WITH_TOOLING = "tooling.production_settings"


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
