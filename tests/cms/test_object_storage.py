"""Images, renditions and documents in S3-compatible object storage (a real moto server):
public media read by anyone at their URL in the bucket, documents only through the site."""

import json
import re
import subprocess
import sys
import textwrap
from io import BytesIO

import pytest
import requests
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from cms.object_storage import PublicMediaStorage
from cms.settings.object_storage import object_storage_settings
from cms.storage import public_read_policy
from tests.cms.test_deploy import PRODUCTION_ENV, clean_environ
from tests.conftest import make_image, make_news, use_bucket
from tests.s3_stand_in import keys, new_bucket, storage_env
from tooling.production import ROOT

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def jpeg(size=(800, 500)):
    buffer = BytesIO()
    PILImage.new("RGB", size, (11, 79, 138)).save(buffer, "JPEG")
    return SimpleUploadedFile("zal.jpg", buffer.getvalue(), content_type="image/jpeg")


def anonymous_get(url):
    """What a browser without any key gets at `url` (the bucket's own answer)."""
    return requests.get(url, timeout=10)


def nothing_on_disk(settings):
    return not [p for root in (settings.MEDIA_ROOT, settings.COMMENTS_FILES_ROOT)
                for p in root.rglob("*") if p.is_file()]  # fmt: skip


def test_an_image_uploaded_in_the_admin_is_read_from_the_bucket_by_readers(
    editor, object_storage, news_index, settings
):
    response = editor.post("/admin/images/add/", {"title": "Читальный зал", "file": jpeg()})
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get(title="Читальный зал")
    stored = keys(object_storage.endpoint, object_storage.bucket)
    assert image.file.name in stored and image.file.name.startswith("original_images/")
    renditions = [rendition.file.name for rendition in image.renditions.all()]
    assert len(renditions) == 6 and set(renditions) <= set(stored)  # made at upload

    article = make_news(news_index, title="Новость с фото", image=image)
    page = Client().get(article.url)
    assert page.status_code == 200
    media = object_storage.media_url
    urls = set(re.findall(re.escape(media) + r"images/[^\"\s,]+", page.content.decode()))
    assert len(urls) >= 4  # the main image: webp and jpeg, at three widths
    for url in urls:
        answer = anonymous_get(url)
        assert answer.status_code == 200, url
        kind = "webp" if url.endswith(".webp") else "jpeg"
        assert answer.headers["Content-Type"] == f"image/{kind}"
        PILImage.open(BytesIO(answer.content)).verify()
    original = anonymous_get(image.file.url)
    assert original.status_code == 200 and original.content[:2] == b"\xff\xd8"
    # The browser may load them: the bucket's origin is in the page's policy.
    origin = object_storage.endpoint
    img_src = re.search(r"img-src ([^;]+)", page["Content-Security-Policy"]).group(1)
    assert origin in img_src.split()
    assert nothing_on_disk(settings)


def test_a_document_is_private_in_the_bucket_and_served_through_the_site(
    wagtail_roots, editor, object_storage, settings
):
    root = Collection.get_first_root_node()
    upload = SimpleUploadedFile("programma.pdf", PDF, content_type="application/pdf")
    response = editor.post(
        "/admin/documents/add/",
        {"title": "Программа", "file": upload, "collection": root.pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert keys(object_storage.endpoint, object_storage.bucket, "documents/") == [
        document.file.name
    ]
    assert anonymous_get(object_storage.media_url + document.file.name).status_code == 403

    reader = Client()
    served = reader.get(document.url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf"

    staff_only = root.add_child(name="Для сотрудников")
    CollectionViewRestriction.objects.create(
        collection=staff_only, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    document.collection = staff_only
    document.save()
    refused = reader.get(document.url)
    assert refused.status_code == 200 and not hasattr(refused, "streaming_content")
    assert b"%PDF" not in refused.content and b'name="password"' in refused.content
    assert nothing_on_disk(settings)


def test_with_object_acls_only_public_media_are_made_readable(
    home, s3_endpoint, settings, monkeypatch
):
    """Services with object ACLs (Yandex, VK Cloud): AWS_DEFAULT_ACL=public-read, no policy."""
    bucket = new_bucket(s3_endpoint, public_policy=False)
    use_bucket(settings, monkeypatch, s3_endpoint, bucket, AWS_DEFAULT_ACL="public-read")
    image = make_image("Логотип")
    document = Document.objects.create(title="Отчёт", file=ContentFile(PDF, name="otchet.pdf"))
    assert anonymous_get(image.file.url).status_code == 200
    rendition = image.renditions.first()
    assert anonymous_get(rendition.url).status_code == 200
    assert anonymous_get(settings.MEDIA_URL + document.file.name).status_code == 403


def test_signed_media_urls_serve_a_bucket_nothing_may_read_anonymously(
    home, s3_endpoint, settings, monkeypatch
):
    bucket = new_bucket(s3_endpoint, public_policy=False)
    use_bucket(settings, monkeypatch, s3_endpoint, bucket, AWS_QUERYSTRING_AUTH="true")
    image = make_image("Афиша")
    signed = image.renditions.first().url
    assert signed.startswith(settings.MEDIA_URL) and "X-Amz-Signature=" in signed
    assert anonymous_get(signed).status_code == 200
    assert anonymous_get(signed.split("?")[0]).status_code == 403


def test_two_uploads_with_one_name_keep_both_files(home, object_storage):
    first, second = make_image("Первое"), make_image("Второе")
    assert first.file.name != second.file.name
    assert anonymous_get(first.file.url).content != b""


def test_production_settings_store_uploads_in_the_buckets_the_environment_names(s3_endpoint):
    """cms.settings.production itself, from the variables only: public media in the bucket,
    comment files in the separate private bucket COMMENTS_FILES_BUCKET names."""
    media, private = new_bucket(s3_endpoint), new_bucket(s3_endpoint, public_policy=False)
    code = textwrap.dedent("""
        import django; django.setup()
        from django.conf import settings
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage as media
        from news.comments.models import comment_file_storage as comments
        print(settings.MEDIA_URL)
        print(media.url(media.save("images/a.txt", ContentFile(b"1"))))
        print(comments.save("staged/b.txt", ContentFile(b"2")))
        print(comments.listdir("staged")[1], comments.get_modified_time("staged/b.txt").tzname())
        try:
            comments.url("staged/b.txt")
        except ValueError as error:
            print(error)
    """)
    env = (
        clean_environ()
        | PRODUCTION_ENV
        | storage_env(s3_endpoint, media, COMMENTS_FILES_BUCKET=private)
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    media_url, public_url, comment_name, listing, no_url = result.stdout.splitlines()
    assert media_url == f"{s3_endpoint}/{media}/"
    assert public_url == f"{media_url}images/a.txt" and anonymous_get(public_url).text == "1"
    assert comment_name == "staged/b.txt" and listing == "['b.txt'] UTC"
    assert no_url == "This file is not accessible via a URL."
    assert keys(s3_endpoint, private) == ["comment-files/staged/b.txt"]
    assert keys(s3_endpoint, media) == ["images/a.txt"]
    assert anonymous_get(f"{s3_endpoint}/{private}/comment-files/staged/b.txt").status_code == 403


@pytest.mark.parametrize(
    ("variables", "media_url"),
    [
        ({}, "https://storage.yandexcloud.net/kemrsl/"),
        ({"AWS_S3_ADDRESSING_STYLE": "virtual"}, "https://kemrsl.storage.yandexcloud.net/"),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.kemrsl.ru"}, "https://media.kemrsl.ru/"),
    ],
    ids=["path-style", "virtual-hosted", "custom-domain"],
)
def test_media_url_is_where_the_storage_writes_public_urls(monkeypatch, variables, media_url):
    env = {
        "AWS_STORAGE_BUCKET_NAME": "kemrsl",
        "AWS_S3_ENDPOINT_URL": "https://storage.yandexcloud.net",
        "AWS_S3_REGION_NAME": "ru-central1",
    }
    for name, value in (env | variables).items():
        monkeypatch.setenv(name, value)
    configured = object_storage_settings()
    assert configured["MEDIA_URL"] == media_url
    storage = configured["STORAGES"]["default"]
    assert storage["BACKEND"] == "cms.object_storage.PublicMediaStorage"
    name = "images/Зал 1.webp"
    options = {key: value for key, value in storage["OPTIONS"].items() if key != "public_url"}
    botocore_url = S3Storage(**options).url(name)
    assert botocore_url == f"{media_url}images/%D0%97%D0%B0%D0%BB%201.webp"
    assert PublicMediaStorage(**storage["OPTIONS"]).url(name) == botocore_url


def test_without_a_bucket_files_stay_on_disk_and_a_bucket_needs_its_endpoint(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    assert object_storage_settings() == {}
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "kemrsl")
    monkeypatch.delenv("AWS_S3_ENDPOINT_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="AWS_S3_ENDPOINT_URL must be set"):
        object_storage_settings()


def test_the_readmes_bucket_policy_is_the_one_the_tests_give_their_buckets():
    section = (ROOT / "README.md").read_text().split("### Object storage")[1]
    policy = re.search(r"```json\n(.*?)```", section, re.DOTALL).group(1)
    assert json.loads(policy) == public_read_policy("kemrsl-media")
