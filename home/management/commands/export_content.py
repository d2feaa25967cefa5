"""Export all live public content as JSON files shaped exactly like the API's answers."""

import json
import shutil
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from news.comments.models import CommentAttachment, comment_file_storage

# (endpoint, has a detail view). Items are read through the API itself, so the export can
# never show more than the API does: no drafts, private pages or hidden snippets.
ENDPOINTS = [
    ("pages", True),
    ("images", True),
    ("documents", True),
    ("partners", True),
    ("slides", True),
    ("promos", True),
    ("settings", False),
]
PAGE_SIZE = 20


class Command(BaseCommand):
    help = (
        "Write every live public page and shown snippet, the images and documents they use, "
        "the public site settings and public comments, as API v2 JSON under --out, with "
        "index.json; --media copies the files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="Folder to write into")
        parser.add_argument(
            "--media", action="store_true", help="Copy image, document and attachment files"
        )

    def handle(self, *args, out, media, **options):
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            raise CommandError("No site configured: nothing to export.")
        host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
        self.client = Client(HTTP_HOST=host, secure=site.port == 443)
        out.mkdir(parents=True, exist_ok=True)

        index = {"site": site.root_url, "endpoints": {}}
        for endpoint, has_detail in ENDPOINTS:
            folder = out / endpoint
            folder.mkdir(exist_ok=True)
            if has_detail:
                ids = self.export_items(endpoint, folder)
            else:
                self.write(out / f"{endpoint}.json", self.get(f"/api/v2/{endpoint}/"))
                folder.rmdir()
                ids = None
            index["endpoints"][endpoint] = (
                {"count": len(ids), "ids": ids} if ids is not None else {}
            )
        index["endpoints"]["page_extras"] = self.export_page_extras(
            out / "page-extras", index["endpoints"]["pages"]["ids"]
        )
        self.comment_files = []
        index["endpoints"]["comments"] = self.export_comments(out / "comments")
        self.write(out / "index.json", index)

        if media:
            self.copy_media(out / "media", index["endpoints"])
            self.copy_comment_files(out / "comment-files")
        counts = ", ".join(
            f"{name}: {data['count']}" for name, data in index["endpoints"].items() if data
        )
        self.stdout.write(self.style.SUCCESS(f"Exported to {out} ({counts})."))

    def export_items(self, endpoint, folder):
        """Page through the listing for ids, then write each item's detail answer."""
        ids = []
        for item in self.items(f"/api/v2/{endpoint}/", {"fields": "_,id"}):
            self.write(folder / f"{item['id']}.json", self.get(f"/api/v2/{endpoint}/{item['id']}/"))
            ids.append(item["id"])
        return ids

    def export_page_extras(self, folder, page_ids):
        """What a page keeps beside its API answer for import_content (its `backup_data()`:
        a social image, a form page's fields), for the exported pages that have any."""
        folder.mkdir(exist_ok=True)
        pages = []
        for page in Page.objects.filter(pk__in=page_ids).order_by("path").specific():
            if data := getattr(page, "backup_data", dict)():
                self.write(folder / f"{page.pk}.json", data)
                pages.append(page.pk)
        return {"count": len(pages), "pages": pages}

    def export_comments(self, folder):
        """Each news page's public comments as one /comments/ answer: every thread, written one
        by one. Which pages have any, the pages endpoint's comment_count says."""
        folder.mkdir(exist_ok=True)
        pages, count = [], 0
        news = self.items(
            "/api/v2/pages/", {"type": "news.NewsPage", "fields": "_,id,comment_count"}
        )
        for page in news:
            if page["comment_count"]:
                count += self.write_threads(folder / f"{page['id']}.json", page["id"])
                pages.append(page["id"])
        return {"count": count, "pages": pages}

    def write_threads(self, path, page_id):
        """Write the page's threads as {"items": […], "meta": {"total_count"}}; return how many
        comments (replies included) there were."""
        threads = comments = 0
        with path.open("w", encoding="utf-8") as file:
            file.write('{"items": [')
            for thread in self.items("/api/v2/comments/", {"page": page_id}):
                file.write(",\n" if threads else "\n")
                json.dump(thread, file, ensure_ascii=False, indent=2)
                threads += 1
                for comment in flatten_replies([thread]):
                    comments += 1
                    self.comment_files.extend(item["id"] for item in comment["attachments"])
            file.write(f'\n], "meta": {{"total_count": {threads}}}}}\n')
        return comments

    def items(self, path, params):
        """Every item of a listing, page by page: memory holds one page of items."""
        offset = 0
        while True:
            listing = self.get(path, params | {"limit": PAGE_SIZE, "offset": offset})
            yield from listing["items"]
            offset += PAGE_SIZE
            if offset >= listing["meta"]["total_count"]:
                return

    def get(self, path, params=None):
        response = self.client.get(path, params or {})
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}: {response.content[:200]}")
        return response.json()

    def write(self, path, data):
        with path.open("w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=2)

    def copy_media(self, target, endpoints):
        """Originals and renditions of exported images, and exported documents' files."""
        names = []
        for image in Image.objects.filter(pk__in=endpoints["images"]["ids"]).prefetch_related(
            "renditions"
        ):
            names.append(image.file.name)
            names.extend(rendition.file.name for rendition in image.renditions.all())
        documents = Document.objects.filter(pk__in=endpoints["documents"]["ids"])
        names.extend(document.file.name for document in documents)
        copy_files(default_storage, names, target)

    def copy_comment_files(self, target):
        """Attachments (and thumbnails) of the exported comments, under their stored names."""
        names = []
        for attachment in CommentAttachment.objects.filter(pk__in=self.comment_files):
            names.extend(field.name for field in (attachment.file, attachment.thumbnail) if field)
        copy_files(comment_file_storage, names, target)


def flatten_replies(comments):
    for comment in comments:
        yield comment
        yield from flatten_replies(comment["replies"])


def copy_files(storage, names, target):
    for name in names:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, destination.open("wb") as copy:
            shutil.copyfileobj(source, copy)
