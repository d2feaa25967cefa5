"""Readers' comments in bulk, threaded exactly as django-comments-xtd threads them.

xtd keeps, for every comment, its thread (the root's id), its parent (a root is its own
parent), its level, its place in the thread's reading order and how many replies sit below
it. These are computed here for whole threads at once instead of one save() per comment.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from news.comments.models import (
    CommentAttachment,
    ReaderComment,
    attachment_name,
    comment_file_storage,
)
from news.comments.uploads import check_image
from news.models import NewsPage
from tooling.demo.images import pdf_file, picture_file

from . import texts
from .inserts import bulk_insert

DISCUSSED_COMMENTS = 300
DISCUSSED_THREADS = 20  # one page of threads (COMMENTS_THREADS_PER_PAGE): all 300 show at once
READERS = 50
# Shares of the comments outside the discussed page.
PENDING_SHARE, REMOVED_SHARE = 0.12, 0.08
WITH_ATTACHMENT_SHARE = 0.01


@dataclass
class Node:
    """A comment of a thread being planned; `parent` is another Node or None for the root."""

    parent: "Node | None"
    level: int = 0
    children: list = field(default_factory=list)
    comment: ReaderComment | None = None


def plan_thread(size, rng, max_level):
    """`size` comments in the order they were written: a root, then replies to earlier ones."""
    root = Node(parent=None)
    nodes = [root]
    for _ in range(size - 1):
        parent = rng.choice([node for node in nodes[-6:] if node.level < max_level] or [root])
        node = Node(parent=parent, level=parent.level + 1)
        parent.children.append(node)
        nodes.append(node)
    return nodes


def reading_order(root):
    """The thread depth first, each reply under its parent: xtd's `order`, 1-based."""
    ordered, stack = [], [root]
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(node.children))
    return ordered


def subtree_size(node):
    return 1 + sum(subtree_size(child) for child in node.children)


def thread_sizes(count, rng):
    sizes = []
    while count > 0:
        size = min(count, rng.choice([1, 1, 1, 2, 2, 3, 4, 6, 9]))
        sizes.append(size)
        count -= size
    return sizes


class CommentBuilder:
    """Plans every page's threads, inserts the comments, then fills in the thread fields."""

    def __init__(self, rng, now=None):
        self.rng = rng
        self.now = now or timezone.now()
        self.max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
        self.content_type = ContentType.objects.get_for_model(NewsPage)
        self.readers = self.make_readers()
        self.threads = []

    def make_readers(self):
        user_model = get_user_model()
        existing = list(user_model.objects.filter(username__startswith="chitatel-"))
        if existing:
            return existing
        readers = [
            user_model(username=f"chitatel-{number}", email=f"chitatel-{number}@example.org")
            for number in range(READERS)
        ]
        for reader in readers:
            reader.set_unusable_password()
        return user_model.objects.bulk_create(readers)

    def plan(self, discussed, pages, total):
        """The discussed page's 300 public comments, the rest spread over the other pages."""
        per_thread = DISCUSSED_COMMENTS // DISCUSSED_THREADS
        for _ in range(DISCUSSED_THREADS):
            self.add_thread(discussed, per_thread, status=lambda: "public")
        others = [page for page in pages if page.pk != discussed.pk]
        remaining = max(total - DISCUSSED_COMMENTS, 0)
        if not others or not remaining:
            return
        counts = [0] * len(others)
        for index in self.rng.choices(range(len(others)), k=remaining):
            counts[index] += 1
        for page, count in zip(others, counts, strict=True):
            for size in thread_sizes(count, self.rng):
                self.add_thread(page, size, status=self.random_status)

    def random_status(self):
        draw = self.rng.random()
        if draw < PENDING_SHARE:
            return "pending"
        return "removed" if draw < PENDING_SHARE + REMOVED_SHARE else "public"

    def add_thread(self, page, size, status):
        nodes = plan_thread(size, self.rng, self.max_level)
        written = timezone.make_aware(datetime.datetime.combine(page.date, datetime.time(12)))
        for node in nodes:
            written += datetime.timedelta(minutes=self.rng.randrange(5, 600))
            written = min(written, self.now)
            node.comment = self.comment(page, node.level, written, status())
        self.threads.append(nodes)

    def comment(self, page, level, written, status):
        reader = self.rng.choice(self.readers) if self.rng.random() < 0.3 else None
        place, latitude, longitude = self.rng.choice(texts.PLACES)
        recent = self.now - written < datetime.timedelta(days=settings.COMMENTS_IP_RETENTION_DAYS)
        return ReaderComment(
            content_type=self.content_type,
            object_pk=str(page.pk),
            site_id=settings.SITE_ID,
            user=reader,
            user_name=reader.username if reader else self.rng.choice(texts.READER_NAMES),
            user_email=reader.email if reader else "reader@example.org",
            comment=" ".join(self.rng.sample(texts.COMMENTS, self.rng.randint(1, 2))),
            submit_date=written,
            ip_address="192.0.2.1" if recent else None,
            is_public=status == "public",
            is_removed=status == "removed",
            level=level,
            consent=True,
            consent_at=written,
            place_name=place,
            latitude=latitude,
            longitude=longitude,
            hold_reason="стоп-слова: «реклама»" if status == "pending" and level else "",
            moderated_at=None if status == "pending" else written,
        )

    def insert(self):
        """Insert the planned comments; thread fields are set once the ids are known."""
        comments = [node.comment for nodes in self.threads for node in nodes]
        bulk_insert(comments, with_ids=lambda _: self.set_thread_fields())
        return comments

    def set_thread_fields(self):
        for nodes in self.threads:
            root = nodes[0]
            for order, node in enumerate(reading_order(root), start=1):
                comment = node.comment
                comment.thread_id = root.comment.pk
                comment.parent_id = node.parent.comment.pk if node.parent else comment.pk
                comment.order = order
                comment.nested_count = subtree_size(node) - 1


def attachment_pool(rng):
    """A few image and PDF files, checked and re-encoded as a reader's upload would be."""
    images = []
    for seed in range(6):
        upload = picture_file(900 + seed, "photo.jpg", size=(800, 600))
        upload.seek(0)
        images.append(check_image(upload.read(), f"фото-{seed}.jpg"))
    pdf = pdf_file(950, "programma.pdf")
    pdf.seek(0)
    return images, pdf.read()


def attach_files(comments, rng, share=WITH_ATTACHMENT_SHARE):
    """Attachments on a share of the public comments, each with its own stored files."""
    images, pdf = attachment_pool(rng)
    attachments = []
    for comment in comments:
        if not comment.is_public or comment.is_removed or rng.random() >= share:
            continue
        if rng.random() < 0.8:
            checked = rng.choice(images)
            attachment = CommentAttachment(
                comment=comment,
                kind=CommentAttachment.KIND_IMAGE,
                original_name=checked.original_name,
                width=checked.width,
                height=checked.height,
                size=checked.content.size,
            )
            attachment.file.name = store(checked.content, "photo.jpg")
            attachment.thumbnail.name = store(checked.thumbnail, "thumb.webp")
        else:
            attachment = CommentAttachment(
                comment=comment,
                kind=CommentAttachment.KIND_PDF,
                original_name="программа.pdf",
                size=len(pdf),
            )
            attachment.file.name = store(ContentFile(pdf), "file.pdf")
        attachments.append(attachment)
    return CommentAttachment.objects.bulk_create(attachments, batch_size=1000)


def store(content, name):
    content.seek(0)
    return comment_file_storage.save(attachment_name(None, name), content)
