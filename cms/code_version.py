"""A digest of the code this process runs, for the keys of whatever the caches keep of its
output (fragments, pages, API items): those outlive a deploy in Redis, and must not show old
markup, or a static file's hashed name that is gone, after it."""

import functools
import hashlib
from importlib.metadata import version
from pathlib import Path

from django.conf import settings

# Where what the caches keep is made: the site's own folders, and these packages.
CODE_FOLDERS = (
    "cms",
    "events",
    "feedback",
    "home",
    "joomla",
    "news",
    "partners",
    "readers",
    "templates",
)
CODE_SUFFIXES = (".py", ".html", ".txt")
CODE_PACKAGES = ("django", "wagtail")


@functools.cache
def code_version():
    """The templates, code and collected static files' names this process runs, and the
    versions of Django and Wagtail: worked out once per process (about 20 ms)."""
    digest = hashlib.sha256(repr([version(name) for name in CODE_PACKAGES]).encode())
    for folder in CODE_FOLDERS:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and "migrations" not in path.parts:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT or "") / "staticfiles.json"
    if settings.STATIC_ROOT and manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:16]
