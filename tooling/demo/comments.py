"""Demo content for comments, called by load_demo_content: the sites domain, a short thread."""

from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.utils import timezone

from news.comments.models import ReaderComment
from news.comments.posting import save_with_files
from news.comments.uploads import check_image

from .images import draw_picture

DEMO_THREAD = [
    (
        "Ольга, мама читателя",
        "Спасибо! Дочка участвовала в «Сказках народов Кузбасса» — ждём новых проектов с Минском.",
    ),
    # The library's official reply, as a moderator writes it from the admin.
    (ReaderComment.LIBRARY_AUTHOR, "Ольга, спасибо! Новые конкурсы объявим в ближайшее время."),
]


def set_sites_domain(hostname, port):
    """E-mail links (xtd's follow-up and unsubscribe) are built from this, not from a request."""
    domain = hostname if port in (80, 443) else f"{hostname}:{port}"
    Site.objects.update_or_create(
        pk=1, defaults={"domain": domain, "name": "Библиотека Кузбасса для детей и молодёжи"}
    )


def demo_photo():
    """A reader's photo as an upload would leave it: checked, re-encoded, with a thumbnail."""
    buffer = BytesIO()
    draw_picture(7, (960, 640)).save(buffer, "JPEG", quality=85)
    return check_image(buffer.getvalue(), "Фото с конкурса.jpg")


def add_demo_comments(page):
    """A published two-comment thread under the page, the first with a photo; once."""
    content_type = ContentType.objects.get_for_model(page)
    existing = ReaderComment.objects.filter(content_type=content_type, object_pk=str(page.pk))
    if existing.exists():
        return
    parent_id = 0
    for index, (name, text) in enumerate(DEMO_THREAD):
        comment = ReaderComment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user_name=name,
            user_email="demo@example.org",
            comment=text,
            submit_date=timezone.now(),
            consent=True,
            consent_at=timezone.now(),
            is_public=True,
            is_official=name == ReaderComment.LIBRARY_AUTHOR,
            parent_id=parent_id,
        )
        save_with_files(comment, [demo_photo()] if index == 0 else [])
        parent_id = comment.pk
