"""Hostile and refused uploads cost little: the rate limit and the image headers are checked
before any pixel is decoded, and a refused post leaves no files behind."""

import re
from io import BytesIO

import pytest
from PIL import Image as PILImage
from PIL import ImageFile

from django.core.files.uploadedfile import SimpleUploadedFile

from news.comments.models import CommentAttachment, ReaderComment
from news.comments.uploads import check_pixel_budget, inspect_upload
from tests.conftest import make_news
from tests.news.comments_helpers import comment_data, image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость для вложений")


@pytest.fixture(scope="module")
def png_36_megapixels():
    """A real 6000×6000 PNG from Pillow: a few dozen KB on the wire, 108 MB once decoded."""
    buffer = BytesIO()
    PILImage.new("RGB", (6000, 6000), (250, 250, 250)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 500_000
    return buffer.getvalue()


@pytest.fixture
def decoded(monkeypatch):
    """The sizes of the images Pillow decodes pixels of (every format loads through here,
    WebP included, which calls it after its own set-up)."""
    sizes = []
    real_load = ImageFile.ImageFile.load

    def counting_load(image):
        if image.tile:  # pixels still to decode
            sizes.append(image.size)
        return real_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return sizes


def staged_files(settings):
    staged = settings.COMMENTS_FILES_ROOT / "staged"
    return list(staged.iterdir()) if staged.exists() else []


def post(client, article, files, **fields):
    return client.post(article.url, comment_data(article, **fields) | {"attachments": files})


def hostile(png):
    return [SimpleUploadedFile(f"scan-{n}.png", png, content_type="image/png") for n in range(3)]


def test_a_36_megapixel_png_is_refused_by_its_header_and_never_decoded(
    client, article, settings, png_36_megapixels, decoded
):
    response = post(client, article, hostile(png_36_megapixels), consent=None)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Изображение «scan-0.png» слишком большое по размеру." in html
    assert "Спасибо за новость! Очень интересно.</textarea>" in html
    assert decoded == []
    assert staged_files(settings) == []
    assert not ReaderComment.objects.exists()


def test_a_rate_limited_post_decodes_and_stages_nothing(client, article, settings, decoded):
    settings.COMMENTS_RATE_LIMIT = 1
    assert post(client, article, [], comment="Первый").status_code == 302
    response = post(client, article, [image_upload()], comment="Второй", consent=None)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Слишком много комментариев подряд." in html
    assert "Второй</textarea>" in html
    assert decoded == []
    assert staged_files(settings) == []
    assert ReaderComment.objects.count() == 1


def test_ten_refused_posts_leave_no_staged_files(client, article, settings, png_36_megapixels):
    settings.COMMENTS_RATE_LIMIT = 1
    refused = [
        post(client, article, hostile(png_36_megapixels), consent=None),
        post(client, article, [image_upload()], honeypot="http://spam.example"),
        post(client, article, [image_upload()], security_hash="0" * 40, consent=None),
        post(client, article, [image_upload(), _broken()]),
    ]
    assert post(client, article, []).status_code == 302  # uses up the limit of 1
    refused += [post(client, article, three_images(), consent=None) for _ in range(6)]
    assert [r.status_code for r in refused] == [400] * 4 + [429] * 6
    assert staged_files(settings) == []
    assert ReaderComment.objects.count() == 1 and not CommentAttachment.objects.exists()


def three_images():
    return [image_upload(f"{n}.jpg") for n in range(3)]


def _broken():
    return SimpleUploadedFile("cut.jpg", image_upload().read()[:600])


def test_a_fixable_refusal_still_keeps_the_files_that_passed(client, article, settings):
    response = post(client, article, [image_upload("фото.jpg")], consent=None)
    assert response.status_code == 400
    assert "Уже прикреплён: фото.jpg" in response.content.decode()
    assert len(staged_files(settings)) == 2  # the image and its thumbnail


def test_images_of_one_post_share_a_pixel_budget(client, article, settings, decoded):
    settings.COMMENTS_UPLOAD_MAX_PIXELS = 800_000
    files = [image_upload(f"{n}.png", fmt="PNG") for n in range(3)]  # 3 × 307,200 pixels
    response = post(client, article, files)
    assert response.status_code == 400
    assert "Изображения вместе слишком большие" in response.content.decode()
    assert decoded == []
    two = [image_upload(f"{n}.png", fmt="PNG") for n in range(2)]
    assert post(client, article, two).status_code == 302


def test_frames_of_an_animation_count_in_the_budget(client, article, settings, decoded):
    settings.COMMENTS_UPLOAD_MAX_PIXELS = 50_000  # 2 frames × 40,000
    frames = [PILImage.new("RGB", (200, 200), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    response = post(client, article, [SimpleUploadedFile("anim.gif", buffer.getvalue())])
    assert response.status_code == 400
    assert "Изображения вместе слишком большие" in response.content.decode()
    assert decoded == []


def test_a_large_jpeg_is_decoded_at_a_reduced_scale(client, article, settings, decoded):
    settings.COMMENTS_IMAGE_MAX_SIDE = 1000
    assert post(client, article, [image_upload(size=(4000, 3000))]).status_code == 302
    assert decoded == [(1000, 750)]  # 1/4 of each side: the stored size, not 12 megapixels
    attachment = CommentAttachment.objects.get()
    assert (attachment.width, attachment.height) == (1000, 750)


def test_a_phone_photo_of_24_megapixels_passes_and_counts_at_its_decoded_size():
    """Three of them fit one post: a JPEG counts at the scale it is decoded at (1/2 here)."""
    photo = image_upload("iphone.jpg", size=(5712, 4284))
    inspected = inspect_upload(photo)
    assert inspected.pixels == 2856 * 2142
    check_pixel_budget([inspected] * 3)


def test_files_kept_from_an_earlier_submit_stay_offered_when_the_next_is_rate_limited(
    client, article, settings, decoded
):
    """Nothing new is decoded or staged; what the reader attached before is not lost."""
    settings.COMMENTS_RATE_LIMIT = 1
    first = post(client, article, [image_upload("фото.jpg")], consent=None)
    token = re.search(r'name="staged" value="([^"]+)"', first.content.decode()).group(1)
    assert post(client, article, [], comment="Другой").status_code == 302
    decoded.clear()
    again = client.post(article.url, comment_data(article) | {"staged": [token]})
    assert again.status_code == 429
    assert "Уже прикреплён: фото.jpg" in again.content.decode()
    assert decoded == [] and len(staged_files(settings)) == 2
