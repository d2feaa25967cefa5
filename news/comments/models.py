"""The comment readers write, its attachments, and the stop words that hold a comment."""

import datetime
import hashlib
import uuid
from pathlib import Path

from django_comments_xtd.models import XtdComment

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

from cms.pages import visible_pages
from cms.storage import StorageAlias


@deconstructible(path="news.comments.models.CommentFileStorage")
class CommentFileStorage(StorageAlias):
    """The `comment_files` storage (settings.STORAGES): COMMENTS_FILES_ROOT on disk, or a
    private place in object storage. Files have no URL there: only the comment file view
    serves them, while the comment is shown."""

    def __init__(self):
        super().__init__("comment_files")


comment_file_storage = CommentFileStorage()

# What the comment file view serves each stored suffix as.
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
}


APPROVED = Q(is_public=True, is_removed=False)


def shown_in_thread(model, levels):
    """Q: approved, and (for a reply) its parent shown in thread, `levels` parents up.

    A removed or pending comment hides its replies; replies deeper than the thread depth
    allows are never shown. django-comments-xtd keeps `parent_id` as a plain integer
    (a top-level comment is its own parent), so each parent is one EXISTS by primary key.
    """
    if levels == 0:
        return APPROVED & Q(level=0)
    parent = model._base_manager.filter(pk=OuterRef("parent_id")).filter(
        shown_in_thread(model, levels - 1)
    )
    return APPROVED & (Q(level=0) | Exists(parent))


class ReaderCommentQuerySet(models.QuerySet):
    def for_page(self, page):
        return self.filter(
            content_type=ContentType.objects.get_for_model(page),
            object_pk=str(page.pk),
        )

    def approved(self):
        """Approved by a moderator and not removed: the moderation state, alone."""
        return self.filter(APPROVED)

    def shown(self):
        """What readers see: approved comments whose every parent is approved too, on a page
        readers may see. The one rule for the page, its count, both APIs, the export and
        attachment files."""
        on_visible_page = visible_pages().annotate(key=Cast("pk", models.CharField()))
        return self.filter(
            shown_in_thread(self.model, settings.COMMENTS_XTD_MAX_THREAD_LEVEL),
            object_pk__in=on_visible_page.values("key"),
        )

    def pending(self):
        return self.filter(is_public=False, is_removed=False)

    def removed(self):
        return self.filter(is_removed=True)

    def count_per_page(self, page_model):
        """For annotate(): how many of these comments each page of the outer query has."""
        per_page = (
            self.filter(
                content_type=ContentType.objects.get_for_model(page_model),
                object_pk=Cast(OuterRef("pk"), models.CharField()),
            )
            .order_by()
            .values("object_pk")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return Coalesce(Subquery(per_page), 0)


class ReaderCommentManager(models.Manager.from_queryset(ReaderCommentQuerySet)):
    def get_queryset(self):
        return super().get_queryset().order_by("thread_id", "order")


class ReaderComment(XtdComment):
    """A reader's comment with consent, an optional place and the reason it was held."""

    STATUS_PENDING = "pending"
    STATUS_APPROVED = "approved"
    STATUS_REMOVED = "removed"
    LIBRARY_AUTHOR = "Библиотека"
    STATUS_LABELS = {
        STATUS_PENDING: "Ждёт модерации",
        STATUS_APPROVED: "Опубликован",
        STATUS_REMOVED: "Удалён",
    }

    consent = models.BooleanField("Согласие на обработку персональных данных", default=False)
    consent_policy_version = models.CharField("Версия политики", max_length=50, blank=True)
    consent_at = models.DateTimeField("Согласие дано", null=True, blank=True)
    place_name = models.CharField("Место", max_length=100, blank=True)
    latitude = models.DecimalField("Широта", max_digits=5, decimal_places=2, null=True, blank=True)
    longitude = models.DecimalField(
        "Долгота", max_digits=5, decimal_places=2, null=True, blank=True
    )
    hold_reason = models.CharField("Причина задержки", max_length=255, blank=True)
    moderated_at = models.DateTimeField("Проверен", null=True, blank=True)
    # A reply the library's moderator wrote from the admin (news.comments.moderation
    # .reply_as_library): signed «Библиотека», never settable by a reader's form or the API.
    is_official = models.BooleanField("Ответ библиотеки", default=False, editable=False)
    # The double-submit guard, in the database so that it holds with the cache down and
    # between gunicorn workers: see make_submission_digest(). NULL (not "", which would
    # clash) for comments that readers did not send.
    submission_digest = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, editable=False
    )

    objects = ReaderCommentManager()

    class Meta:
        verbose_name = "Комментарий читателя"
        verbose_name_plural = "Комментарии читателей"
        ordering = ["-submit_date"]

    def __str__(self):
        text = " ".join(self.comment.split())
        return f"{self.user_name}: {text[:60]}{'…' if len(text) > 60 else ''}"

    # Whether the row in the database is approved, as last read or written: the page cache
    # needs to know if readers saw the comment before a save or a delete (affects_readers).
    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        if {"is_public", "is_removed"} <= set(field_names):
            comment.approved_in_database = comment.is_approved
        return comment

    def save(self, *args, **kwargs):
        if self._state.adding and self.pk is None:
            self.approved_in_database = False  # a new comment: readers have seen nothing yet
        super().save(*args, **kwargs)
        self.approved_in_database = self.is_approved

    def affects_readers(self):
        """Whether saving or deleting this comment changes what readers see: it is approved,
        or was until now. A pending comment that stays pending changes nothing for them;
        when the earlier state is unknown, assume it does."""
        return self.is_approved or getattr(self, "approved_in_database", True)

    def get_absolute_url(self, anchor_pattern=None):
        # Straight to the page's anchor: no generic content-type redirect view is exposed.
        page = self.content_object
        return f"{page.url}#{self.anchor}" if page is not None else ""

    def make_submission_digest(self):
        """What makes two submissions one comment: django-comments' duplicate rule (same
        page, author and text on the same day, UTC), as a key the database keeps unique."""
        parts = [
            str(self.content_type_id),
            self.object_pk,
            self.user_name,
            self.user_email,
            self.user_url,
            self.comment,
            self.submit_date.astimezone(datetime.UTC).date().isoformat(),
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    @property
    def status(self):
        if self.is_removed:
            return self.STATUS_REMOVED
        return self.STATUS_APPROVED if self.is_public else self.STATUS_PENDING

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.status]

    @property
    def is_approved(self):
        return self.is_public and not self.is_removed

    @property
    def anchor(self):
        return f"c{self.pk}"

    @cached_property
    def page(self):
        return self.content_object

    @property
    def has_location(self):
        return bool(self.place_name or self.latitude is not None)

    @property
    def map_url(self):
        """An OpenStreetMap link (a link only: the page itself loads nothing from OSM)."""
        if self.latitude is not None and self.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=12/{self.latitude}/{self.longitude}"
            )
        return ""

    @property
    def initials(self):
        words = [word for word in self.user_name.split() if word[:1].isalpha()]
        return "".join(word[0] for word in words[:2]).upper() or "?"

    @property
    def avatar_colour(self):
        return sum(map(ord, self.user_name)) % 6


def attachment_name(instance, filename):
    # Names are random: nothing the reader typed ends up in a path.
    return f"{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class CommentAttachmentQuerySet(models.QuerySet):
    def shown(self):
        """Files of shown comments: the ones served to anyone with the address."""
        return self.filter(comment__in=ReaderComment.objects.shown())

    def open_to(self, user):
        """Files this user may open: those of shown comments; also, for moderators, every
        file, and for a signed-in reader, the files of their own comments (their data)."""
        if not user.is_authenticated:
            return self.shown()
        if user.has_perm("news.change_readercomment"):
            return self.all()
        return self.filter(
            models.Q(comment__in=ReaderComment.objects.shown()) | models.Q(comment__user=user)
        )


class CommentAttachment(models.Model):
    """A file attached to a comment; stored under a random name, served only when shown."""

    KIND_IMAGE = "image"
    KIND_PDF = "pdf"

    comment = models.ForeignKey(ReaderComment, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        "Тип", max_length=10, choices=[(KIND_IMAGE, "Изображение"), (KIND_PDF, "PDF")]
    )
    file = models.FileField("Файл", storage=comment_file_storage, upload_to=attachment_name)
    thumbnail = models.FileField(
        "Миниатюра", storage=comment_file_storage, upload_to=attachment_name, blank=True
    )
    original_name = models.CharField("Имя файла у читателя", max_length=255, blank=True)
    size = models.PositiveIntegerField("Размер, байт", default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = CommentAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "Вложение"
        verbose_name_plural = "Вложения"

    def __str__(self):
        return self.original_name or self.file.name

    @property
    def is_image(self):
        return self.kind == self.KIND_IMAGE

    @property
    def url(self):
        return reverse("comment_file", args=[self.pk, Path(self.file.name).name])

    @property
    def content_type(self):
        return CONTENT_TYPES.get(Path(self.file.name).suffix, "application/octet-stream")

    @property
    def thumbnail_url(self):
        if not self.thumbnail:
            return ""
        return reverse("comment_file", args=[self.pk, Path(self.thumbnail.name).name])

    def affects_readers(self):
        """Files of a comment readers see (or saw): see ReaderComment.affects_readers."""
        try:
            return self.comment.affects_readers()
        except ReaderComment.DoesNotExist:
            return True

    def delete_files(self):
        for field in (self.file, self.thumbnail):
            if field:
                field.delete(save=False)


class CommentStopWord(models.Model):
    """A word that holds a comment for moderation; editors keep the list in the admin."""

    word = models.CharField("Слово или фраза", max_length=100, unique=True)

    panels = ["word"]

    class Meta:
        ordering = ["word"]
        verbose_name = "Стоп-слово"
        verbose_name_plural = "Стоп-слова"

    def __str__(self):
        return self.word
