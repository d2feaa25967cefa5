"""The kernel's events: pages (published, unpublished, deleted, moved), the watched snippets
and the site settings. Only what readers may see is described (cms.pages.visible_pages, each
snippet's own `visible`); of a page that readers saw before it went away, type and id."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.models import DraftStateMixin, Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms.models import PromoBlock, SiteSettings, Slide
from cms.pages import visible_pages

from .events import absolute, emit, subject, watch_snippets, watched_snippet

PAGE_API_PATHS = {"v2": "/api/v2/pages/{id}/", "v3": "/api/v3/pages/{id}/"}
SETTINGS_API_PATHS = {"v2": "/api/v2/settings/"}


def is_visible(page):
    return visible_pages().filter(pk=page.pk).exists()


def page_type(page):
    return page.specific_class._meta.label


def described_page(page):
    url_parts = page.get_url_parts()  # None for a page outside every site
    html_url = absolute(url_parts[2]) if url_parts else None
    return subject(
        page_type(page), page.pk, title=page.title, api_paths=PAGE_API_PATHS, html_url=html_url
    )


def page_published_event(sender, instance, **kwargs):
    if is_visible(instance):
        emit("page.published", described_page(instance))


def remember_visibility(sender, instance, update_fields=None, **kwargs):
    # Unpublishing saves the whole page with live=False; the row still says what readers saw.
    # (A revision's save names its few fields and leaves `live` alone: no query for it.)
    if (
        isinstance(instance, Page)
        and instance.pk
        and not instance.live
        and (update_fields is None or "live" in update_fields)
    ):
        instance._visible_before_save = is_visible(instance)


def page_unpublished_event(sender, instance, **kwargs):
    if getattr(instance, "_visible_before_save", False):
        emit("page.unpublished", subject(page_type(instance), instance.pk))


def page_deleted_event(sender, instance, **kwargs):
    if is_visible(instance):
        emit("page.deleted", subject(page_type(instance), instance.pk))


def page_moved_event(sender, instance, **kwargs):
    if is_visible(instance):
        emit("page.moved", described_page(instance))


def described_snippet(instance, watched):
    return subject(
        instance._meta.label, instance.pk, title=str(instance), api_paths=watched.api_paths
    )


def snippet_published_event(sender, instance, **kwargs):
    watched = watched_snippet(type(instance))
    if watched and watched.visible().filter(pk=instance.pk).exists():
        emit("snippet.published", described_snippet(instance, watched))


def snippet_saved_event(sender, instance, **kwargs):
    # Draft-able snippets tell of their changes by publishing; their saves may hold a draft.
    watched = watched_snippet(sender)
    if watched and not issubclass(sender, DraftStateMixin):
        if watched.visible().filter(pk=instance.pk).exists():
            emit("snippet.saved", described_snippet(instance, watched))


def snippet_gone_event(event):
    def handler(sender, instance, **kwargs):
        if watched_snippet(type(instance)):
            emit(event, subject(instance._meta.label, instance.pk))

    return handler


snippet_unpublished_event = snippet_gone_event("snippet.unpublished")
snippet_deleted_event = snippet_gone_event("snippet.deleted")


def settings_changed_event(sender, instance, **kwargs):
    emit(
        "settings.changed",
        subject(
            SiteSettings._meta.label,
            instance.pk,
            title=str(SiteSettings._meta.verbose_name),
            api_paths=SETTINGS_API_PATHS,
        ),
    )


def connect():
    watch_snippets(
        Slide,
        visible=Slide.objects.visible,
        api_paths={"v2": "/api/v2/slides/{id}/", "v3": "/api/v3/slides/{id}/"},
    )
    watch_snippets(
        PromoBlock,
        visible=PromoBlock.objects.visible,
        api_paths={"v2": "/api/v2/promos/{id}/", "v3": "/api/v3/promos/{id}/"},
    )
    page_published.connect(page_published_event, dispatch_uid="webhooks-page-published")
    pre_save.connect(remember_visibility, dispatch_uid="webhooks-page-visibility")
    page_unpublished.connect(page_unpublished_event, dispatch_uid="webhooks-page-unpublished")
    # Deleting a page deletes its subtree through Page rows: one signal per page.
    pre_delete.connect(page_deleted_event, sender=Page, dispatch_uid="webhooks-page-deleted")
    post_page_move.connect(page_moved_event, dispatch_uid="webhooks-page-moved")
    published.connect(snippet_published_event, dispatch_uid="webhooks-snippet-published")
    unpublished.connect(snippet_unpublished_event, dispatch_uid="webhooks-snippet-unpublished")
    post_save.connect(snippet_saved_event, dispatch_uid="webhooks-snippet-saved")
    post_delete.connect(snippet_deleted_event, dispatch_uid="webhooks-snippet-deleted")
    post_save.connect(
        settings_changed_event, sender=SiteSettings, dispatch_uid="webhooks-settings-changed"
    )
