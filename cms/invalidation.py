"""What makes the page cache stale: any saved or deleted content a reader or the API sees."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from .generation import invalidate_all
from .models import LinkedCard

# Publishing, unpublishing and editing a page or a snippet all save the row; approving or
# removing a comment saves it too (news.comments.moderation saves one by one for this).
# Domain apps add the models readers see through them with watch().
WATCHED_MODELS = [
    Page,
    PageViewRestriction,
    CollectionViewRestriction,
    Site,
    AbstractImage,
    AbstractDocument,
    BaseSiteSetting,
    LinkedCard,
]


# Watched model → `affects_readers(instance)`: whether saving or deleting that row changes
# what readers see. Models without one make every change count.
READER_FILTERS = {}


def watch(*models, affects_readers=None):
    """Saving or deleting a row of these models (or their subclasses) makes cached pages stale;
    with `affects_readers`, only when it says so of the row (a pending comment: readers see
    nothing of it, so anonymous posts cannot keep the cache empty)."""
    WATCHED_MODELS.extend(models)
    if affects_readers is not None:
        READER_FILTERS.update(dict.fromkeys(models, affects_readers))


def seen_by_readers(sender, instance):
    for model, affects_readers in READER_FILTERS.items():
        if issubclass(sender, model):
            return affects_readers(instance)
    return True


def content_changed(sender, instance=None, **kwargs):
    if (
        isinstance(sender, type)
        and issubclass(sender, tuple(WATCHED_MODELS))
        and seen_by_readers(sender, instance)
    ):
        invalidate_now_and_on_commit()


def invalidate_now_and_on_commit():
    # Now, so this process never serves the old page again; and after the commit, because a
    # request rendered from the old rows in between may have stored its page meanwhile.
    invalidate_all()
    transaction.on_commit(invalidate_all)


def page_moved(sender, **kwargs):
    invalidate_now_and_on_commit()  # treebeard moves with UPDATEs, no post_save


def connect():
    post_save.connect(content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(content_changed, dispatch_uid="pagecache-delete")
    post_page_move.connect(page_moved, dispatch_uid="pagecache-move")
