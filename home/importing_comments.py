"""Public comments restored (import_content): each page's threads in their order, with the
attachments' files under the names they were stored with."""

from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.management.base import CommandError
from django.utils.html import strip_tags

from news.comments.models import CommentAttachment, ReaderComment, comment_file_storage


class CommentRestore:
    """Part of a ContentImport (`job`): reads its export, uses its table of new pages, adds to
    its list of saved files; run() gives the counts for its summary."""

    def __init__(self, job):
        self.job = job

    def run(self):
        comments = self.job.export.endpoints.get("comments", {})
        made = files = 0
        for page_id in comments.get("pages", []):
            self.job.current = f"comments/{page_id}.json"
            page = self.job.refs.pages[page_id]
            for thread in self.job.export.read(self.job.current)["items"]:
                for attachments in self.restore_thread(page, thread, parent_id=0):
                    made += 1
                    files += attachments
        return {"комментариев": made, "вложений": files}

    def restore_thread(self, page, data, parent_id):
        place = data["place"] or {}
        comment = ReaderComment(
            content_type=ContentType.objects.get_for_model(page),
            object_pk=str(page.pk),
            site_id=settings.SITE_ID,
            user_name=data["author"],
            comment=comment_source(data["text_html"]),
            submit_date=data["date"],
            is_public=True,
            is_official=data["is_official"],
            place_name=place.get("name", ""),
            latitude=place.get("latitude"),
            longitude=place.get("longitude"),
            parent_id=parent_id,
        )
        comment.save()
        for order, attachment in enumerate(data["attachments"]):
            self.restore_attachment(comment, attachment, order)
        yield len(data["attachments"])
        for reply in data["replies"]:
            yield from self.restore_thread(page, reply, parent_id=comment.pk)

    def restore_attachment(self, comment, data, order):
        names = [self.save_comment_file(url) for url in (data["url"], data["thumbnail_url"]) if url]
        CommentAttachment.objects.create(
            comment=comment,
            kind=data["kind"],
            file=names[0],
            thumbnail=names[1] if len(names) > 1 else "",
            original_name=data["name"],
            size=data["size"],
            width=data["width"],
            height=data["height"],
            sort_order=order,
        )

    def save_comment_file(self, url):
        """The attachment file under its stored name (random, from the upload)."""
        name = Path(urlsplit(url).path).name
        path = self.job.export.folder / "comment-files" / name
        if not path.is_file():
            raise CommandError(f"В выгрузке нет файла вложения comment-files/{name}.")
        with path.open("rb") as file:
            saved = comment_file_storage.save(name, File(file))
        self.job.saved_files.append((comment_file_storage, saved))
        return saved


def comment_source(text_html):
    """The comment's text from the page's rendering of it (news.templatetags.comments_tags
    .comment_text: escaped, line breaks as <br>, links made by urlize)."""
    return unescape(strip_tags(text_html.replace("<br>", "\n")))
