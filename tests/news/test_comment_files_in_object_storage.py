"""Readers' attachments in S3-compatible object storage (a real moto server): private in
the bucket, served by the site only while the comment is shown, staged files purged."""

import re
from datetime import timedelta

import pytest
import requests

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from news.comments.models import CommentAttachment, ReaderComment
from news.comments.moderation import MODERATORS_GROUP
from news.management.commands.purge_comment_ips import Command as PurgeCommentIps
from tests.conftest import make_news
from tests.news.comments_helpers import comment_data, image_upload
from tests.news.test_comments_attachments import PDF, pdf_upload
from tests.s3_stand_in import keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(news_index):
    return make_news(news_index, title="Новость с вложениями")


@pytest.fixture
def moderator_client(db):
    user = get_user_model().objects.create_user("moderator", "moderator@example.org", "x")
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    client = Client()
    client.force_login(user)
    return client


def stored(object_storage, prefix="comment-files/"):
    return keys(object_storage.endpoint, object_storage.bucket, prefix)


def test_an_attachment_is_private_in_the_bucket_and_served_only_once_approved(
    client, article, object_storage, moderator_client, settings
):
    data = comment_data(article) | {"attachments": [image_upload("фото.jpg"), pdf_upload()]}
    assert client.post(article.url, data).status_code == 302
    comment = ReaderComment.objects.get()
    image, pdf = CommentAttachment.objects.all()
    names = [image.file.name, image.thumbnail.name, pdf.file.name]
    assert stored(object_storage) == sorted(f"comment-files/{name}" for name in names)
    for name in names:  # the bucket's URL gives nothing to anyone without the keys
        url = f"{object_storage.media_url}comment-files/{name}"
        assert requests.get(url, timeout=10).status_code == 403

    reader = Client()
    assert reader.get(image.url).status_code == 404  # pending
    assert reader.get(pdf.url).status_code == 404
    assert moderator_client.get(image.thumbnail_url)["Cache-Control"] == "private, no-store"

    approve = f"/admin/bulk/news/readercomment/approve_comments/?id={comment.pk}"
    assert moderator_client.post(approve).status_code == 302
    served = reader.get(image.url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == image.file.open("rb").read()
    assert served["X-Content-Type-Options"] == "nosniff"
    download = reader.get(pdf.url)
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == f'attachment; filename="vlozhenie-{pdf.pk}.pdf"'

    assert moderator_client.post(f"/admin/comments/delete/{comment.pk}/").status_code == 302
    assert stored(object_storage) == []
    assert not [path for path in settings.COMMENTS_FILES_ROOT.rglob("*") if path.is_file()]
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_staged_files_in_the_bucket_serve_the_next_submit_and_are_purged_when_left(
    client, article, object_storage
):
    refused = client.post(
        article.url, comment_data(article, consent=None) | {"attachments": [image_upload()]}
    )
    assert refused.status_code == 400
    staged = stored(object_storage, "comment-files/staged/")
    assert len(staged) == 2  # the image and its thumbnail, kept for the next submit
    token = re.search(r'name="staged" value="([^"]+)"', refused.content.decode()).group(1)
    assert client.post(article.url, comment_data(article) | {"staged": [token]}).status_code == 302
    attachment = CommentAttachment.objects.get()
    assert f"comment-files/{attachment.file.name}" in stored(object_storage)
    assert stored(object_storage, "comment-files/staged/") == []  # taken by the comment

    client.post(article.url, comment_data(article, consent=None) | {"attachments": [pdf_upload()]})
    assert len(stored(object_storage, "comment-files/staged/")) == 1  # never sent again
    assert PurgeCommentIps().purge_staged_files(timezone.now() - timedelta(days=1)) == 0
    assert PurgeCommentIps().purge_staged_files(timezone.now() + timedelta(seconds=5)) == 1
    assert stored(object_storage, "comment-files/staged/") == []
    assert f"comment-files/{attachment.file.name}" in stored(object_storage)
