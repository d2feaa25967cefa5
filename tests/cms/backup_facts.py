"""What a backup must carry over, read the same way from the backed-up site (in the test's
process) and from the restored one (`manage.py shell -c "…print_facts()"`)."""

import hashlib
import json

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.backup.storages import backed_up_storages
from feedback.models import FeedbackRequest
from news.comments.models import CommentAttachment, ReaderComment


def facts():
    image_model = get_image_model()
    return {
        "pages": sorted(Page.objects.values_list("url_path", "live")),
        "images": image_model.objects.count(),
        "renditions": image_model.get_rendition_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "comments": sorted(ReaderComment.objects.values_list("user_name", "comment", "is_public")),
        "shown comments": ReaderComment.objects.shown().count(),
        "attachments": sorted(CommentAttachment.objects.values_list("file", "original_name")),
        "requests": sorted(FeedbackRequest.objects.values_list("number", "name", "message")),
        "files": {
            backed.name: {name: sha256(backed.storage, name) for name in backed.walk()}
            for backed in backed_up_storages()
        },
    }


def sha256(storage, name):
    with storage.open(name, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def print_facts():
    print(json.dumps(facts(), ensure_ascii=False, default=str))
