"""Attachments: checked by content, re-encoded without EXIF, served only once public."""

import re
import struct
import zlib
from io import BytesIO

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from news.comments.models import CommentAttachment, ReaderComment
from tests.conftest import make_news
from tests.news.comments_helpers import comment_data, image_upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость с вложениями")


def post(client, article, files, **fields):
    return client.post(article.url, comment_data(article, **fields) | {"attachments": files})


def pdf_upload(name="programma.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def jpeg_with_gps():
    exif = PILImage.Exif()
    exif[0x010F] = "Камера читателя"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (55.0, 21.0, 17.0)
    gps[3] = "E"
    gps[4] = (86.0, 5.0, 12.0)
    buffer = BytesIO()
    PILImage.new("RGB", (400, 300), (30, 120, 60)).save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert PILImage.open(BytesIO(data)).getexif().get_ifd(0x8825)  # the fixture has GPS
    return SimpleUploadedFile("gps.jpg", data, content_type="image/jpeg")


def png_bomb():
    """A tiny PNG whose header claims 30000×30000 pixels."""
    buffer = BytesIO()
    PILImage.new("1", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = data[12:29]
    ihdr[4:12] = struct.pack(">II", 30000, 30000)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)) & 0xFFFFFFFF)
    return SimpleUploadedFile("bomb.png", bytes(data), content_type="image/png")


def test_two_images_and_a_pdf_are_stored_under_random_names_with_thumbnails(
    client, article, settings
):
    files = [
        image_upload("Фото читателя.jpg"),
        image_upload("рисунок.png", fmt="PNG"),
        pdf_upload(),
    ]
    assert post(client, article, files).status_code == 302
    comment = ReaderComment.objects.get()
    attachments = list(comment.attachments.all())
    assert [a.kind for a in attachments] == ["image", "image", "pdf"]
    for attachment in attachments:
        assert "Фото" not in attachment.file.name and "programma" not in attachment.file.name
        assert re.fullmatch(r"[0-9a-f]{32}\.(jpg|png|pdf)", attachment.file.name)
        assert (settings.COMMENTS_FILES_ROOT / attachment.file.name).exists()
    assert attachments[0].thumbnail and attachments[0].original_name == "Фото читателя.jpg"
    assert not attachments[2].thumbnail


def test_large_images_are_scaled_down(client, article, settings):
    settings.COMMENTS_IMAGE_MAX_SIDE = 500
    post(client, article, [image_upload(size=(1600, 1200))])
    attachment = CommentAttachment.objects.get()
    with PILImage.open(attachment.file.path) as stored:
        assert max(stored.size) == 500


def test_exif_gps_is_removed_from_the_stored_image(client, article):
    assert post(client, article, [jpeg_with_gps()]).status_code == 302
    stored_path = CommentAttachment.objects.get().file.path
    with PILImage.open(stored_path) as stored:
        exif = stored.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif
    with open(stored_path, "rb") as stored_file:
        assert b"Exif" not in stored_file.read()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: SimpleUploadedFile("photo.jpg", b"<?php system($_GET['c']); ?>"),
            "можно прикрепить JPEG, PNG, WebP, GIF или PDF",
        ),
        (
            lambda: SimpleUploadedFile(
                "logo.svg",
                b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                content_type="image/svg+xml",
            ),
            "можно прикрепить JPEG, PNG, WebP, GIF или PDF",
        ),
        (
            lambda: SimpleUploadedFile("cut.jpg", image_upload().read()[:600]),
            "можно прикрепить JPEG, PNG, WebP, GIF или PDF",
        ),
        (png_bomb, "слишком большое по размеру"),
        (
            lambda: SimpleUploadedFile("fake.pdf", b"%PDF-1.4 no end marker"),
            "повреждённый PDF",
        ),
        (
            lambda: SimpleUploadedFile("photo.bmp", _bmp()),
            "можно прикрепить JPEG, PNG, WebP, GIF или PDF",
        ),
    ],
    ids=["php-renamed-jpg", "svg", "truncated-jpeg", "decompression-bomb", "broken-pdf", "bmp"],
)
def test_bad_upload_is_refused_with_a_russian_error_and_nothing_is_stored(
    client, article, settings, upload, message
):
    response = post(client, article, [upload()])
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'id="id_attachments-errors"' in html
    assert "Спасибо за новость! Очень интересно.</textarea>" in html
    assert not ReaderComment.objects.exists() and not CommentAttachment.objects.exists()
    assert not any(settings.COMMENTS_FILES_ROOT.rglob("*.*"))


def _bmp():
    buffer = BytesIO()
    PILImage.new("RGB", (10, 10)).save(buffer, "BMP")
    return buffer.getvalue()


def test_a_fourth_file_is_refused(client, article):
    files = [image_upload(f"{n}.jpg") for n in range(4)]
    response = post(client, article, files)
    assert response.status_code == 400
    assert "Можно прикрепить не больше 3 файлов." in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_an_oversized_file_is_refused(client, article, settings):
    settings.COMMENTS_ATTACHMENT_MAX_BYTES = 2000
    response = post(client, article, [image_upload(size=(800, 800), colour=(1, 2, 3))])
    assert response.status_code == 400
    assert "больше 1 КБ" in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_checked_files_survive_a_refused_submit(client, article):
    response = post(client, article, [image_upload("первое.jpg")], consent=None)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Уже прикреплён: первое.jpg" in html
    assert "Вложения (<span data-file-count>1</span> / 3)" in html
    token = re.search(r'name="staged" value="([^"]+)"', html).group(1)
    data = comment_data(article) | {"staged": [token], "attachments": [pdf_upload()]}
    assert client.post(article.url, data).status_code == 302
    kinds = list(ReaderComment.objects.get().attachments.values_list("kind", flat=True))
    assert kinds == ["image", "pdf"]


def test_a_forged_staged_token_is_refused(client, article):
    data = comment_data(article) | {"staged": ["../../etc/passwd:forged"]}
    response = client.post(article.url, data)
    assert response.status_code == 400
    assert "Прикреплённые файлы устарели" in response.content.decode()


def test_files_are_served_only_once_the_comment_is_public(client, article):
    post(client, article, [image_upload(), pdf_upload()])
    image, pdf = CommentAttachment.objects.all()
    assert client.get(image.url).status_code == 404
    assert client.get(image.thumbnail_url).status_code == 404
    assert client.get(pdf.url).status_code == 404

    moderator = get_user_model().objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(moderator)
    assert client.get(image.thumbnail_url).status_code == 200
    client.logout()

    ReaderComment.objects.update(is_public=True)
    response = client.get(image.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(pdf.url)["Content-Type"] == "application/pdf"
    html = client.get(article.url).content.decode()
    assert image.thumbnail_url in html and pdf.url in html
    assert client.get(image.url.replace(".jpg", ".png")).status_code == 404

    ReaderComment.objects.update(is_removed=True)
    assert client.get(image.url).status_code == 404


def test_attachment_files_are_not_under_media_root(client, article, settings):
    post(client, article, [image_upload()])
    stored = CommentAttachment.objects.get().file.path
    assert not stored.startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize(("fmt", "extension"), [("WEBP", "webp"), ("GIF", "gif"), ("PNG", "png")])
def test_webp_gif_and_png_are_accepted_in_their_own_format(client, article, fmt, extension):
    upload = image_upload(f"картинка.{extension}", fmt=fmt)
    assert post(client, article, [upload]).status_code == 302
    attachment = CommentAttachment.objects.get()
    assert attachment.file.name.endswith(f".{extension}")
    with PILImage.open(attachment.file.path) as stored:
        assert stored.format == fmt
    with PILImage.open(attachment.thumbnail.path) as thumb:
        assert thumb.format == "WEBP" and max(thumb.size) <= 320


def test_animated_gif_keeps_its_frames(client, article):
    frames = [PILImage.new("RGB", (60, 60), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    upload = SimpleUploadedFile("anim.gif", buffer.getvalue())
    assert post(client, article, [upload]).status_code == 302
    with PILImage.open(CommentAttachment.objects.get().file.path) as stored:
        assert stored.n_frames == 2
