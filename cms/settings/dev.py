"""Local development: DEBUG on, SQLite under var/, local media."""

from .base import *  # noqa: F403
from .caches import file_page_cache

DEBUG = True
SECRET_KEY = "dev-only-not-secret-f3b9c1"  # noqa: S105 - development only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The worker (`make run` starts it beside the server) publishes scheduled pages: what it
# changes must reach the server's page cache, so both share one cache in files.
CACHES["pages"] = file_page_cache(DATA_DIR)  # noqa: F405
SERVE_MEDIA = not OBJECT_STORAGE  # noqa: F405 - a bucket serves its own files
DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
DEMO_ADMIN_ENABLED = True
# Demo content, the benchmark and the audit: development tools, not part of the site.
INSTALLED_APPS = [*INSTALLED_APPS, "tooling"]  # noqa: F405
