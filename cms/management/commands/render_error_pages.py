"""Write the site's answers to what nginx refuses by itself (deploy/nginx/kemrsl.conf)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.test import RequestFactory

from cms.errors import error_response
from cms.input_guard import TOO_LARGE, refusal

MB = 1024 * 1024


def upload_limits():
    """The limits a reader or an editor should be told when nginx refuses an upload."""
    return {
        "max_attachments": settings.COMMENTS_MAX_ATTACHMENTS,
        "attachment_mb": settings.COMMENTS_ATTACHMENT_MAX_BYTES // MB,
        "document_mb": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // MB,
        "image_mb": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE // MB,
    }


def error_pages():
    """{file name: bytes}: readers' pages, and the API's JSON as the site itself answers."""
    requests = RequestFactory()
    too_large = {
        api: refusal(requests.post(f"/api/{api}/"), TOO_LARGE, 413).content for api in ("v2", "v3")
    }
    return {
        "413.html": render_to_string("413.html", upload_limits()).encode(),
        "503.html": error_response(requests.get("/"), 503).content,
        "413.json": too_large["v2"],
        "413-v3.json": too_large["v3"],  # API v3's RFC 9457 problem
        "503.json": error_response(requests.get("/api/"), 503).content,
    }


class Command(BaseCommand):
    help = (
        "Write the site's answers for what nginx refuses without it — a request over "
        "client_max_body_size (413), gunicorn down or too slow (503) — as pages and API "
        "JSON into STATIC_ROOT/errors/. Run after collectstatic: the pages link error.css "
        "by its hashed name."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", type=Path, help="Another folder than STATIC_ROOT/errors/.")

    def handle(self, *args, to, verbosity, **options):
        folder = to or Path(settings.STATIC_ROOT) / "errors"
        folder.mkdir(parents=True, exist_ok=True)
        pages = error_pages()
        for name, content in pages.items():
            (folder / name).write_bytes(content)
        if verbosity:
            self.stdout.write(f"Wrote {', '.join(pages)} to {folder}.")
