"""A public comment as the API and the export describe it: only what the page itself shows."""

from django.utils import timezone

from cms.addressing import absolute_url
from news.templatetags.comments_tags import comment_text

from .threads import Threads


def absolute(url, request):
    return absolute_url(request, url) if request else url


def comment_data(comment, page_url, request=None):
    """{id, page_id, parent_id, level, author, is_official, date, text_html, html_url, place,
    attachments, replies}: never the e-mail, the address, the account or the consent record.
    `is_official`: the library's reply (author «Библиотека»), written by a moderator."""
    return {
        "id": comment.pk,
        "page_id": int(comment.object_pk),
        "parent_id": comment.parent_id if comment.level else None,
        "level": comment.level,
        "author": comment.user_name,
        "is_official": comment.is_official,
        "date": timezone.localtime(comment.submit_date).isoformat(timespec="seconds"),
        # Escaped, with line breaks and nofollow links: the page's own rendering.
        "text_html": str(comment_text(comment.comment)),
        "html_url": f"{page_url}#{comment.anchor}",
        "place": place_data(comment),
        "attachments": [attachment_data(item, request) for item in comment.attachments.all()],
        "replies": [comment_data(reply, page_url, request) for reply in comment.replies],
    }


def place_data(comment):
    if not comment.has_location:
        return None
    has_point = comment.latitude is not None
    return {
        "name": comment.place_name,
        "latitude": float(comment.latitude) if has_point else None,
        "longitude": float(comment.longitude) if has_point else None,
        "map_url": comment.map_url,
    }


def attachment_data(attachment, request=None):
    is_image = attachment.is_image
    return {
        "id": attachment.pk,
        "kind": attachment.kind,
        "url": absolute(attachment.url, request),
        "content_type": attachment.content_type,
        "size": attachment.size,
        "width": attachment.width,
        "height": attachment.height,
        # The page names a PDF by its file name and shows an image as its thumbnail.
        "name": "" if is_image else attachment.original_name,
        "thumbnail_url": absolute(attachment.thumbnail_url, request) or None,
    }


class ThreadsData:
    """The threads of a page as API items, sliced and counted like a queryset (for paginators)."""

    def __init__(self, page, request=None):
        self.threads = Threads(page)
        self.page_url = page.get_full_url(request)
        self.request = request

    def count(self):
        return self.threads.count()

    def all(self):
        # django-ninja's paginator counts `queryset.all()`.
        return self

    def __getitem__(self, window):
        return [comment_data(root, self.page_url, self.request) for root in self.threads[window]]
