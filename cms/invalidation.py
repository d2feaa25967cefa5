"""What makes cached pages, API answers and fragments stale: any saved or deleted content a
reader or the API sees, narrowed by each kind of content's rule to the tags it can affect
(cms.cachetags)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from .cachetags import ANY_CHANGE, EVERYTHING, bump
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

# Watched model → `affects(instance)`: the content tags a change to that row can affect, the
# one dependency rule of that kind of content. The nearest class in the row's MRO with a rule
# decides; a row without one makes EVERYTHING stale.
TAG_RULES = {}


def watch(*models, affects_readers=None, affects=None):
    """Saving or deleting a row of these models (or their subclasses) makes cached pages stale:
    those with the tags `affects(instance)` names, or all of them; with `affects_readers`,
    only when it says so of the row (a pending comment: readers see nothing of it, so
    anonymous posts cannot keep the cache empty)."""
    WATCHED_MODELS.extend(models)
    if affects_readers is not None:
        READER_FILTERS.update(dict.fromkeys(models, affects_readers))
    if affects is not None:
        TAG_RULES.update(dict.fromkeys(models, affects))


def nearest(rules, sender):
    return next((rules[klass] for klass in sender.__mro__ if klass in rules), None)


def seen_by_readers(sender, instance):
    affects_readers = nearest(READER_FILTERS, sender)
    return affects_readers is None or affects_readers(instance)


def affected_tags(sender, instance):
    affects = nearest(TAG_RULES, sender)
    if affects is None:
        return {EVERYTHING}
    return {ANY_CHANGE, *affects(instance)}


def content_changed(sender, instance=None, **kwargs):
    if (
        isinstance(sender, type)
        and issubclass(sender, tuple(WATCHED_MODELS))
        and seen_by_readers(sender, instance)
    ):
        invalidate_now_and_on_commit(*affected_tags(sender, instance))


def invalidate_now_and_on_commit(*tags):
    """Bump the tags (EVERYTHING when none are named) now, so this process never serves the old
    page again; and after the commit, because a request rendered from the old rows in between
    may have stored its page meanwhile."""
    tags = tags or (EVERYTHING,)
    bump(*tags)
    transaction.on_commit(lambda: bump(*tags))


def page_moved(sender, **kwargs):
    invalidate_now_and_on_commit()  # treebeard moves with UPDATEs, no post_save


def connect():
    post_save.connect(content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(content_changed, dispatch_uid="pagecache-delete")
    post_page_move.connect(page_moved, dispatch_uid="pagecache-move")
