"""Write the Russian error pages nginx answers with by itself (deploy/nginx/kemrsl.conf)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string

MB = 1024 * 1024


def upload_limits():
    """The limits a reader or an editor should be told when nginx refuses an upload."""
    return {
        "max_attachments": settings.COMMENTS_MAX_ATTACHMENTS,
        "attachment_mb": settings.COMMENTS_ATTACHMENT_MAX_BYTES // MB,
        "document_mb": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // MB,
        "image_mb": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE // MB,
    }


class Command(BaseCommand):
    help = (
        "Write the site's pages for what nginx answers without it — 413.html (a request over "
        "client_max_body_size) and 503.html (gunicorn down or too slow) — into "
        "STATIC_ROOT/errors/. Run after collectstatic: they link error.css by its hashed name."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="Another folder than STATIC_ROOT/errors/.")

    def handle(self, *args, to, verbosity, **options):
        folder = to or Path(settings.STATIC_ROOT) / "errors"
        folder.mkdir(parents=True, exist_ok=True)
        pages = {"413.html": upload_limits(), "503.html": {}}
        for name, context in pages.items():
            (folder / name).write_text(render_to_string(name, context), encoding="utf-8")
        if verbosity:
            self.stdout.write(f"Wrote {', '.join(pages)} to {folder}.")
