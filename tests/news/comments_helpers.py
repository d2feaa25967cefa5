"""Helpers shared by the comment tests: form data as a browser posts it, real files."""

from io import BytesIO

from PIL import Image as PILImage

from django.core.files.uploadedfile import SimpleUploadedFile

from news.comments.forms import ReaderCommentForm
from news.comments.models import ReaderComment


def comment_data(page, **overrides):
    """What the form on the page posts: security fields, a guest's details, consent."""
    form = ReaderCommentForm(page)
    data = {
        name: form.initial[name]
        for name in ("content_type", "object_pk", "timestamp", "security_hash")
    }
    data.update(
        reply_to=0,
        name="Маша Иванова",
        email="masha@example.org",
        comment="Спасибо за новость! Очень интересно.",
        consent="on",
        honeypot="",
        place_name="",
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def image_upload(name="photo.jpg", size=(640, 480), fmt="JPEG", colour=(200, 40, 40), **save):
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, fmt, **save)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def approved(page, **fields):
    """A public comment on the page, as after a moderator's approval."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    defaults = {
        "user_name": "Читатель",
        "user_email": "reader@example.org",
        "comment": "Хорошая новость",
        "consent": True,
        "is_public": True,
    }
    comment = ReaderComment(
        content_type=ContentType.objects.get_for_model(page),
        object_pk=str(page.pk),
        site_id=1,
        submit_date=timezone.now(),
        **(defaults | fields),
    )
    comment.save()
    return comment
