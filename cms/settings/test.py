"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tasks run at once, inside the request (tests of the worker switch to the database queue);
# mail goes through the queue all the same, into django.core.mail.outbox.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STATIC_ROOT = BASE_DIR / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The local disk, whatever the environment says; the object storage tests override STORAGES.
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "comment_files": {
        "BACKEND": "cms.storage.SettingFolderStorage",
        "OPTIONS": {"setting": "COMMENTS_FILES_ROOT"},
    },
}
# Tests measure the work of rendering; tests/cms/test_pagecache.py and the browser tests
# switch the page cache on.
PAGE_CACHE_SECONDS = 0
# The tests cover the development tools too (demo content, benchmark, audit helpers).
INSTALLED_APPS = [*INSTALLED_APPS, "tooling"]
