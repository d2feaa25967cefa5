"""The directory of libraries the library has cooperation agreements with."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.http import Http404

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import DraftStateMixin, Orderable, Page, PreviewableMixin, RevisionMixin
from wagtail.search import index

from cms.cachetags import depends_on
from cms.fragments import when_needed
from cms.models import HeadlessPreviewMixin
from cms.pages import BasePage
from cms.serializers import DocumentField, ImageField
from cms.slugs import slugify_russian

from .cache_rules import PARTNERS, partner_tag
from .listing import PartnerFilter

# Other apps add sections to a partner's page (news about the partner, say) with
# @hooks.register(PARTNER_PAGE_HOOK): fn(partner, request) -> dict merged into the context.
PARTNER_PAGE_HOOK = "construct_partner_page_context"


class PartnerQuerySet(models.QuerySet):
    def shown(self):
        """Partners readers see: published ones. The one rule for the directory, the partner
        pages, the home page's carousel, news pages, both APIs, media and the sitemap."""
        return self.filter(live=True)

    def for_directory(self):
        """Shown partners with their logos, grouped by country, region, then order."""
        return (
            self.shown()
            .select_related("logo")
            .prefetch_related("logo__renditions")
            .order_by("country", "region", F("sort_order").asc(nulls_last=True), "short_name")
        )

    def for_api(self):
        """The directory with each partner's agreement document, which the API gives too."""
        return self.for_directory().select_related("agreement_document")

    def featured(self):
        """The home page's carousel «Наши партнеры», in the editors' order."""
        return (
            self.for_directory()
            .filter(featured=True)
            .order_by(F("sort_order").asc(nulls_last=True), "short_name")
        )


class Partner(
    HeadlessPreviewMixin, PreviewableMixin, DraftStateMixin, RevisionMixin, index.Indexed, Orderable
):
    LIBRARY = "library"
    OTHER = "other"
    KINDS = [(LIBRARY, "Библиотека"), (OTHER, "Другая организация")]

    full_name = models.CharField("Полное название", max_length=300)
    short_name = models.CharField("Краткое название", max_length=150)
    slug = models.SlugField(
        "Адрес страницы",
        max_length=150,
        unique=True,
        blank=True,
        help_text="Латиницей. Пусто — из краткого названия.",
    )
    kind = models.CharField("Тип", max_length=20, choices=KINDS, default=LIBRARY)
    city = models.CharField("Город", max_length=100)
    region = models.CharField("Регион", max_length=150, blank=True)
    country = models.CharField("Страна", max_length=100, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Логотип",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField("Сайт", blank=True)
    description = models.TextField("Краткое описание", blank=True)
    address = models.CharField("Адрес", max_length=300, blank=True)
    latitude = models.DecimalField(
        "Широта",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        "Долгота",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    agreement_date = models.DateField("Дата подписания соглашения", null=True, blank=True)
    agreement_number = models.CharField("Номер соглашения", max_length=50, blank=True)
    agreement_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Текст соглашения",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cooperation_areas = models.TextField(
        "Направления сотрудничества", blank=True, help_text="Каждое направление с новой строки."
    )
    featured = models.BooleanField(
        "В карусели «Наши партнеры»", default=False, help_text="Показывать логотип на главной."
    )
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="partner")

    objects = PartnerQuerySet.as_manager()

    api_fields = [
        APIField("full_name"),
        APIField("short_name"),
        APIField("slug"),
        APIField("kind"),
        APIField("city"),
        APIField("region"),
        APIField("country"),
        APIField("logo", serializer=ImageField()),
        APIField("website"),
        APIField("description"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("agreement_date"),
        APIField("agreement_number"),
        APIField("agreement_document", serializer=DocumentField()),
        APIField("cooperation_area_list"),
        APIField("featured"),
        APIField("sort_order"),
    ]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("full_name"),
                FieldPanel("short_name"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("logo"),
                FieldPanel("description"),
                FieldPanel("featured"),
            ],
            heading="Партнёр",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("region"), FieldPanel("city")]),
                FieldPanel("address"),
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Где находится",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("agreement_date"), FieldPanel("agreement_number")]),
                FieldPanel("agreement_document"),
                FieldPanel("cooperation_areas"),
            ],
            heading="Соглашение",
        ),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("full_name"),
        index.SearchField("short_name"),
        index.SearchField("city"),
        index.SearchField("region"),
        index.AutocompleteField("short_name"),
        # What the directory and the API filter and order by, also while searching.
        *(
            index.FilterField(name)
            for name in ("live", "country", "region", "kind", "featured", "sort_order")
        ),
        index.FilterField("short_name"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Партнёр"
        verbose_name_plural = "Партнёры"

    def __str__(self):
        return self.short_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug(slugify_russian(self.short_name, max_length=140))
        return super().save(*args, **kwargs)

    def image_uses(self):
        return [(self.logo, "logo")] if self.logo_id else []

    def _unique_slug(self, base):
        slug, number = base or "partner", 1
        while Partner.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def get_preview_template(self, request, mode_name):
        return "partners/partner_detail.html"

    def get_preview_context(self, request, mode_name):
        directory = PartnerDirectoryPage.objects.visible().first()
        return super().get_preview_context(request, mode_name) | {
            "partner": self,
            "page": directory,
        }

    @property
    def cooperation_area_list(self):
        return [line.strip() for line in self.cooperation_areas.splitlines() if line.strip()]

    @property
    def place(self):
        return ", ".join(part for part in (self.city, self.region, self.country) if part)


class PartnerDirectoryPage(RoutablePageMixin, BasePage):
    """The list of partners, filtered by country and kind, and a page for each partner."""

    intro = models.TextField("Вступление", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # The directory's list, its counts and its grouping by country come from
    # /api/v2/partners/ (docs/api.md, «The partner directory»).
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Справочник партнёров"

    def cache_tags(self, request):
        """The directory and each partner's page (partner_detail adds the partner's own tag)."""
        return self.frame_tags() | {PARTNERS}

    @classmethod
    def sitemap_tags(cls):
        return super().sitemap_tags() | {PARTNERS}  # get_sitemap_urls lists the partners

    @path("")
    def directory(self, request):
        partner_filter = PartnerFilter.from_query(request.GET)
        # Read only while the list's fragment is not cached (cms.fragments); templates call
        # the counts.
        partners = when_needed(list, partner_filter.apply(Partner.objects.for_directory()))
        return self.render(
            request,
            context_overrides={
                "partners": partners,
                "library_count": lambda: sum(p.kind == Partner.LIBRARY for p in partners),
                "other_count": lambda: sum(p.kind != Partner.LIBRARY for p in partners),
                "partner_filter": partner_filter,
                "countries": Partner.objects.shown()
                .exclude(country="")
                .order_by("country")
                .values_list("country", flat=True)
                .distinct(),
                "kinds": Partner.KINDS,
            },
        )

    @path("<slug:slug>/")
    def partner_detail(self, request, slug):
        partner = (
            Partner.objects.shown()
            .filter(slug=slug)
            .select_related("logo", "agreement_document")
            .first()
        )
        if partner is None:
            raise Http404("Партнёр не найден")
        depends_on(request, partner_tag(partner))  # what other apps add: its news
        context = {"partner": partner}
        for add_sections in hooks.get_hooks(PARTNER_PAGE_HOOK):
            context.update(add_sections(partner, request))
        return self.render(
            request, template="partners/partner_detail.html", context_overrides=context
        )

    def get_sitemap_urls(self, request=None):
        """The directory and the page of every shown partner, changed when last published."""
        directory = super().get_sitemap_urls(request)
        partners = Partner.objects.shown().only("slug", "last_published_at").order_by("slug")
        return directory + [
            {
                "location": self.get_full_url(request) + self.partner_path(partner),
                "lastmod": partner.last_published_at,
            }
            for partner in partners
        ]

    def partner_path(self, partner):
        return self.reverse_subpage("partner_detail", kwargs={"slug": partner.slug})

    def partner_url(self, partner, request=None):
        return self.get_url(request) + self.partner_path(partner)

    @classmethod
    def with_detail_urls(cls, partners, request=None):
        """The partners, each with `detail_url` set when the directory is visible."""
        partners = list(partners)
        directory = cls.objects.visible().first() if partners else None
        for partner in partners:
            partner.detail_url = directory.partner_url(partner, request) if directory else ""
        return partners
