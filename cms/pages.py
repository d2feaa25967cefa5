"""What every page type of the site shares, and the one rule for which pages readers see."""

from django.core.cache import cache
from django.db import models
from django.db.models import Q

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageManager, PageViewRestriction, get_page_models
from wagtail.query import PageQuerySet

from cms import cachetags
from cms.cachetags import MENU, depends_on, page_tag, type_tag
from cms.models.preview import HeadlessPreviewMixin
from cms.renditions import body_image_uses
from cms.slugs import slugify_russian


class SitePageQuerySet(PageQuerySet):
    def visible(self):
        """Pages any reader may open and list: published, and not behind a view restriction
        (a password, sign-in or group). Listings, the API, search, feeds, the sitemap, the
        export and comment files all start from here."""
        return self.live().public()

    def private_q(self):
        """Pages at or under a view restriction, as Wagtail's (which search backends can
        filter on too), from the restricted sections read once per change to them."""
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])  # as Wagtail's: no section, no page


SitePageManager = PageManager.from_queryset(SitePageQuerySet)

RESTRICTED_SECTIONS_SECONDS = 600
sections_seen = {}  # the last restricted sections this process read (kept_per_change)


def restricted_sections():
    """(path, depth) of each page under a view restriction. Kept per version of EVERYTHING,
    by this process and in the shared cache: saving or deleting a restriction and moving a
    page bump it (cms.invalidation), so every process reads the new sections at once;
    Wagtail reads them again at each visible(), several times per API listing."""
    return cachetags.kept_per_change(sections_seen, None, shared_restricted_sections)


def shared_restricted_sections():
    versions = cachetags.versions_for(None, ())
    key = f"restricted-sections:{cachetags.fingerprint(versions)}"
    sections = cache.get(key)
    if sections is None:
        rows = PageViewRestriction.objects.values_list("page__path", "page__depth")
        sections = sorted(set(rows))
        cache.set(key, sections, RESTRICTED_SECTIONS_SECONDS)
    return sections


def visible_pages():
    """Every page type's visible pages, as wagtailcore.Page rows in tree order."""
    return SitePageQuerySet(Page).order_by("path").visible()


def linkable_url(page, request=None):
    """The page's address for a link on the site, or "" while it is not published: a link
    to a draft would lead readers to a 404. A password-protected page keeps its link, since
    its own login form is what readers should find there."""
    return page.get_url(request) if page is not None and page.live else ""


class MainImageMixin(models.Model):
    """A page's main picture, on its card and at its top, with the alt text editors may write
    (news, events). Put it before BasePage: it adds its renditions to `image_uses`."""

    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Главное изображение",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    main_image_alt = models.CharField(
        "Альтернативный текст изображения",
        max_length=255,
        blank=True,
        help_text="Что изображено. Пусто — описание изображения из галереи.",
    )

    class Meta:
        abstract = True

    @property
    def main_image_alt_text(self):
        if self.main_image_alt:
            return self.main_image_alt
        return self.main_image.default_alt_text if self.main_image else ""

    def image_uses(self):
        uses = super().image_uses()
        if self.main_image_id:
            uses += [(self.main_image, "news_card"), (self.main_image, "news_main")]
            if not self.social_image_id:
                uses.append((self.main_image, "social"))
        return uses


class BasePage(HeadlessPreviewMixin, Page):
    """Fields and behaviour shared by all of the site's pages."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Изображение для соцсетей",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Показывается в превью ссылки во ВКонтакте и Telegram.",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    objects = SitePageManager()

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail's, without its two queries while the site has no view restriction at all
        (restricted_sections(), read once per change to them): then no page, alias or not,
        has any."""
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def cache_tags(self, request):
        """The content tags (cms.cachetags) this page's answer is made from, every one of them,
        or None: then any change makes it stale. The page cache stores it under them, and the
        API's detail of the page declares the same (it shows no more than the page)."""
        return None

    def frame_tags(self):
        """What every page shows around its own content: its own fields, and the menu and
        breadcrumbs (MENU). Site settings, images and documents bump EVERYTHING."""
        return {page_tag(self), MENU}

    def changed_tags(self):
        """The content tags a change to this page (a publish, an unpublish, an edit, a
        deletion) can affect: its own answer and the lists of its type. cms.invalidation adds
        MENU when it stands in the menus or breadcrumbs; page types add whatever else shows
        it."""
        return {page_tag(self), type_tag(type(self))}

    @classmethod
    def listing_tags(cls):
        """What a list of pages of this type shows (API listings, the sitemap): their fields,
        and the tree (their addresses, their parents). Page types add what their listed fields
        read elsewhere."""
        return {type_tag(cls), MENU}

    @classmethod
    def sitemap_tags(cls):
        """What the sitemap's entries of this type show: their addresses and when they last
        changed. A page type whose get_sitemap_urls() adds addresses adds their tags."""
        return {type_tag(cls)}

    def backup_data(self):
        """What export_content writes beside the page's API answer for import_content to
        restore, in the API's shapes (an image as {"id"}): what the page shows but its answer
        does not carry. Page types add theirs."""
        return {"social_image": {"id": self.social_image_id}} if self.social_image_id else {}

    def restore_backup_data(self, data):
        """What backup_data() wrote that is not a field of the page (import_content sets
        those, mapping ids to the new rows)."""

    def image_uses(self):
        """(image, use) pairs whose renditions are made on publishing (cms.renditions)."""
        uses = [(self.social_image, "social")] if self.social_image_id else []
        return uses + list(body_image_uses(getattr(self, "body", None)))

    def full_clean(self, *args, **kwargs):
        self._set_transliterated_slug()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._set_transliterated_slug()
        return super().save(*args, **kwargs)

    def _set_transliterated_slug(self):
        # Wagtail's own fallback would keep Cyrillic or drop it; we want the Latin
        # slug the admin's transliteration gives. The parent must be known to
        # de-duplicate among siblings, as in Page._set_core_field_defaults.
        parent_is_known = self.path or getattr(self, "_cached_parent_obj", None)
        if not self.slug and self.title and parent_is_known:
            base_slug = slugify_russian(self.title)
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)


def declare_tags(page, request):
    """Say what the page's answer (the page, or its API detail) is made from, if it says."""
    cache_tags = getattr(page, "cache_tags", None)
    if cache_tags is not None and (tags := cache_tags(request)) is not None:
        depends_on(request, *tags)


def listing_tags(model):
    """What a list of pages of `model` shows; of every page type for wagtailcore.Page."""
    models = [model] if hasattr(model, "listing_tags") else get_page_models()
    return {MENU}.union(*(each.listing_tags() for each in models if hasattr(each, "listing_tags")))


def sitemap_tags():
    """What the sitemap is made from: every page type's entries, and the tree."""
    models = get_page_models()
    return {MENU}.union(*(each.sitemap_tags() for each in models if hasattr(each, "sitemap_tags")))
