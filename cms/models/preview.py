"""The drafts the admin's Preview hands to an external front end (cms.preview)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control

from cms.preview import (
    PreviewRefused,
    client_response,
    client_url,
    preview_url,
    sign,
    site_of,
    unsign,
)


class PreviewSnapshotQuerySet(models.QuerySet):
    def expired(self):
        """Rows no token can open any more."""
        lifetime = timedelta(seconds=settings.HEADLESS_PREVIEW_TOKEN_SECONDS)
        return self.filter(updated_at__lt=timezone.now() - lifetime)

    def draft_for(self, content_type, token):
        """The draft a preview token opens (PreviewRefused when it opens none)."""
        if not content_type or not token:
            raise PreviewRefused(
                "Укажите параметры content_type и token: их передаёт ссылка предпросмотра.",
                status=400,
            )
        snapshot = self.select_related("content_type").filter(pk=unsign(token, content_type))
        snapshot = snapshot.first()
        if snapshot is None:
            raise PreviewRefused(
                "Черновик по этой ссылке больше не хранится: нажмите «Предпросмотр» ещё раз.",
                status=404,
            )
        return snapshot.as_object()

    def record(self, obj, user):
        """The object as the editor's form holds it now, in one row per editor and object
        (each render of the preview panel overwrites it); expired rows are deleted."""
        self.expired().delete()
        snapshot, _ = self.update_or_create(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id="" if obj.pk is None else str(obj.pk),
            user=user,
            defaults={"content": obj.serializable_data()},
        )
        return snapshot


class PreviewSnapshot(models.Model):
    """A draft as the admin's Preview rendered it, for the holder of a signed token."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=255, blank=True)  # "": not saved yet
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    content = models.JSONField(encoder=DjangoJSONEncoder)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = PreviewSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = "черновик для предпросмотра"
        verbose_name_plural = "черновики для предпросмотра"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="one_preview_per_editor"
            )
        ]

    def __str__(self):
        return f"{self.content_type.model}:{self.object_id or 'новый'}"

    def as_object(self):
        """The draft as an unsaved instance, the way Wagtail restores a revision."""
        model = self.content_type.model_class()
        if not self.object_id:
            # Not saved yet: id 0, as wagtail-headless-preview does, so detail URLs resolve.
            obj = model.from_serializable_data(self.content)
            obj.pk = obj.id = 0
            return obj
        base = model._default_manager.filter(pk=self.object_id).first()
        if base is None:
            raise PreviewRefused("Этот черновик удалён.", status=404)
        return base.with_content_json(self.content)


class HeadlessPreviewMixin:
    """The admin's Preview shows the external front end when HEADLESS_PREVIEW_CLIENT_URLS
    names one for the site; otherwise the site's own templates, as Wagtail does."""

    def make_preview_request(
        self, original_request=None, preview_mode=None, extra_request_attrs=None
    ):
        base_url = client_url(site_of(self, original_request)) if original_request else None
        if base_url is None:
            return super().make_preview_request(original_request, preview_mode, extra_request_attrs)
        snapshot = PreviewSnapshot.objects.record(self, original_request.user)
        in_panel = (extra_request_attrs or {}).get("in_preview_panel", False)
        url = preview_url(base_url, type(self), sign(snapshot.pk, type(self)), in_panel)
        response = client_response(original_request, url)
        patch_cache_control(response, private=True, no_store=True)
        return response
