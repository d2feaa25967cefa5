"""What makes cached pages, API answers and fragments stale: any saved or deleted content a
reader or the API sees, narrowed by each kind of content's rule to the tags it can affect
(cms.cachetags)."""

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import post_page_move

from . import warming
from .cachetags import ANY_CHANGE, EVERYTHING, MENU, bump, page_tag, type_tag
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

# The page fields menus and breadcrumbs show, and the slug, whose change moves the page's (and
# its descendants') address everywhere it is linked.
TREE_FACTS = ("slug", "title", "show_in_menus", "live")
# The main menu lists the children of a site's root page (depth 2).
MENU_DEPTH = 3
STORED_TREE_FACTS = "_stored_tree_facts"


# What saving a draft writes to a page or snippet row (Wagtail's save_revision): nothing of it
# reaches readers, who see the live version.
DRAFT_FIELDS = {
    COMMENTS_RELATION_NAME,
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
}


# What the first view of an image or document fills in (its size, its hash): the page that
# needed it has rendered it already, and any other computes the same.
FILLED_IN_FIELDS = {"file_size", "file_hash"}


def saves_a_draft_only(update_fields):
    return update_fields is not None and set(update_fields) <= DRAFT_FIELDS


def changes_nothing_readers_see(update_fields):
    return update_fields is not None and set(update_fields) <= DRAFT_FIELDS | FILLED_IN_FIELDS


def remember_tree_facts(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a page is saved: its stored TREE_FACTS, for page_tags() to compare with. A save
    of some fields only changes no other (the instance may hold a draft's title and slug)."""
    if (
        not raw
        and isinstance(instance, Page)
        and instance.pk
        and not saves_a_draft_only(update_fields)
    ):
        stored = Page.objects.filter(pk=instance.pk).values_list(*TREE_FACTS).first()
        if stored is not None and update_fields is not None:
            stored = tuple(
                value if name in update_fields else getattr(instance, name)
                for name, value in zip(TREE_FACTS, stored, strict=True)
            )
        instance.__dict__[STORED_TREE_FACTS] = stored


def page_tags(page):
    """The one rule for pages of every type: what the page type says (BasePage.changed_tags),
    MENU when the change shows in the menus or breadcrumbs, EVERYTHING when its address moved."""
    return own_page_tags(page) | tree_tags(page)


def own_page_tags(page):
    if not hasattr(page, "changed_tags"):
        try:
            page = page.specific
        except ObjectDoesNotExist:  # the page row of a deleted page: its specific row is gone
            pass
    if hasattr(page, "changed_tags"):
        return page.changed_tags()
    return {page_tag(page), type_tag(page.specific_class or Page)}


def tree_tags(page):
    before = page.__dict__.pop(STORED_TREE_FACTS, None)  # None: a new or deleted page
    now = tuple(getattr(page, name) for name in TREE_FACTS)
    if before is not None and before[0] != now[0] and (before[-1] or now[-1]):
        return {EVERYTHING}
    in_menus_or_breadcrumbs = (page.depth or 0) <= MENU_DEPTH or page.numchild
    return {MENU} if in_menus_or_breadcrumbs and before != now else set()


def card_tags(card):
    """Slides and promo blocks: the pages that show them declare their type."""
    return {type_tag(card._meta.label_lower)}


# Watched model → `affects(instance)`: the content tags a change to that row can affect, the
# one dependency rule of that kind of content. The nearest class in the row's MRO with a rule
# decides; a row without one makes EVERYTHING stale.
TAG_RULES = {Page: page_tags, LinkedCard: card_tags}


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


def content_changed(sender, instance=None, update_fields=None, **kwargs):
    if (
        isinstance(sender, type)
        and issubclass(sender, tuple(WATCHED_MODELS))
        and not changes_nothing_readers_see(update_fields)
        and seen_by_readers(sender, instance)
    ):
        invalidate_now_and_on_commit(*affected_tags(sender, instance))


def invalidate_now_and_on_commit(*tags):
    """Bump the tags (EVERYTHING when none are named) now, so this process never serves the old
    page again; and after the commit, because a request rendered from the old rows in between
    may have stored its page meanwhile; then have the most-read pages rendered again."""
    tags = tags or (EVERYTHING,)
    bump(*tags)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        pending_change(connection).tags.update(tags)
    else:  # committed already
        CommittedChange(connection, tags)()


PENDING_CHANGE = "_cache_tags_pending_change"


class CommittedChange:
    """What one transaction changed: bumped once more and warmed once when it commits, however
    many rows it saved (a publish saves the page, its tags, its links, its occurrences…)."""

    def __init__(self, connection, tags=()):
        self.connection = connection
        self.tags = set(tags)

    def __call__(self):
        if getattr(self.connection, PENDING_CHANGE, None) is self:
            delattr(self.connection, PENDING_CHANGE)
        bump(*self.tags)
        warming.warm_after(self.tags)


def pending_change(connection):
    """The change the current transaction gathers, run once when it commits. A new one when
    the last was run or went with a rolled-back savepoint (Django drops its callback)."""
    change = getattr(connection, PENDING_CHANGE, None)
    if change is None or not any(callback is change for _, callback, _ in connection.run_on_commit):
        change = CommittedChange(connection)
        setattr(connection, PENDING_CHANGE, change)
        transaction.on_commit(change)
    return change


def page_moved(sender, **kwargs):
    invalidate_now_and_on_commit()  # treebeard moves with UPDATEs, no post_save


def connect():
    pre_save.connect(remember_tree_facts, dispatch_uid="pagecache-tree-facts")
    post_save.connect(content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(content_changed, dispatch_uid="pagecache-delete")
    post_page_move.connect(page_moved, dispatch_uid="pagecache-move")
