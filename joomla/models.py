"""What the import of the old Joomla site brought in, keyed by the old site's id."""

from django.db import models


class ImportedItem(models.Model):
    """One object the import made from one row (or file) of the old site.

    A second run finds the object by (kind, old_id) and updates it, never duplicates it;
    when the source's fingerprint is the same, it leaves the object alone.
    """

    ARTICLE = "article"
    RUBRIC = "rubric"
    TAG = "tag"
    IMAGE = "image"
    COMMENT = "comment"
    ATTACHMENT = "attachment"
    REDIRECT = "redirect"
    KINDS = [
        (ARTICLE, "Новость"),
        (RUBRIC, "Рубрика"),
        (TAG, "Тег"),
        (IMAGE, "Изображение"),
        (COMMENT, "Комментарий"),
        (ATTACHMENT, "Вложение"),
        (REDIRECT, "Перенаправление"),
    ]

    kind = models.CharField("Тип", max_length=20, choices=KINDS)
    # An id for rows; a path under images/ for images; the old address for redirects.
    old_id = models.CharField("На старом сайте", max_length=255)
    object_id = models.PositiveBigIntegerField("Объект на новом сайте")
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField("Перенесён", auto_now=True)

    class Meta:
        verbose_name = "Перенесённый объект"
        verbose_name_plural = "Перенесённые объекты"
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_id"], name="joomla_one_object_per_old_id")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.old_id} → {self.object_id}"
