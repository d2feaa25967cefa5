"""The site root, which brings news, events, partners and the cards together, and plain
pages."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyBlock, DocumentListBlock
from cms.cachetags import type_tag
from cms.fragments import when_needed
from cms.models import PromoBlock, Slide
from cms.pages import BasePage
from cms.serializers import BodyField

from . import sections
from .organization_fields import OrganizationBodyField, SubsectionsField
from .serializers import HomeSectionsField


class HomePage(BasePage):
    """The site root: one per site."""

    intro = models.TextField("Вступление", blank=True)
    news_count = models.PositiveSmallIntegerField(
        "Сколько новостей показывать",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    events_count = models.PositiveSmallIntegerField(
        "Сколько ближайших событий показывать",
        default=3,
        validators=[MaxValueValidator(12)],
        help_text="Блок «Ближайшие события» из афиши. 0 — не показывать блок.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("news_count"),
        FieldPanel("events_count"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("news_count"),
        APIField("sections", serializer=HomeSectionsField(source="*")),
    ]
    headings = sections.HEADINGS

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "news.NewsIndexPage",
        "home.StandardPage",
        "partners.PartnerDirectoryPage",
        "feedback.FeedbackFormPage",
        "events.EventIndexPage",
        "home.OrganizationInfoPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "Главная страница"

    def cache_tags(self, request):
        return self.frame_tags() | sections.CONTENT_TAGS

    @classmethod
    def listing_tags(cls):
        return super().listing_tags() | sections.CONTENT_TAGS  # the API's `sections` field

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Worked out only when a fragment of the page is not cached (cms.fragments).
        context.update(
            slides=when_needed(Slide.objects.visible),
            latest_news=when_needed(sections.latest_news, self),
            news_index=when_needed(sections.news_index, self),
            events_index=when_needed(sections.events_index, self),
            upcoming_events=when_needed(sections.upcoming_events, self),
            promo_groups=when_needed(PromoBlock.visible_groups),
            featured_partners=when_needed(sections.featured_partners, request),
        )
        return context


class StandardPage(BasePage):
    """About, contacts, policy and similar pages."""

    lead = models.TextField("Вводный абзац", blank=True)
    body = StreamField(BodyBlock(), verbose_name="Содержание", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    api_fields = [APIField("lead"), APIField("body", serializer=BodyField())]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    def cache_tags(self, request):
        return self.frame_tags()

    class Meta:
        verbose_name = "Текстовая страница"
        verbose_name_plural = "Текстовые страницы"


class OrganizationBodyBlock(BodyBlock):
    """The body blocks and the official documents' list, for «Сведения об организации» only."""

    document_list = DocumentListBlock()


class OrganizationPageBase(BasePage):
    lead = models.TextField("Вводный абзац", blank=True)
    body = StreamField(OrganizationBodyBlock(), verbose_name="Содержание", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    api_fields = [APIField("lead"), APIField("body", serializer=OrganizationBodyField())]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True


class OrganizationInfoPage(OrganizationPageBase):
    """«Сведения об организации», the section a state culture institution's site must have
    (Приказ Минкультуры России № 277 of 20.02.2015): its page lists the subsections."""

    api_fields = [
        *OrganizationPageBase.api_fields,
        APIField("subsections", serializer=SubsectionsField(source="*")),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.OrganizationSectionPage"]
    max_count = 1

    class Meta:
        verbose_name = "Раздел «Сведения об организации»"
        verbose_name_plural = "Разделы «Сведения об организации»"

    def cache_tags(self, request):
        return self.frame_tags() | {type_tag(OrganizationSectionPage)}

    @classmethod
    def listing_tags(cls):
        return super().listing_tags() | {type_tag(OrganizationSectionPage)}

    def subsections(self):
        """The subsections readers may open, in the editors' order."""
        return OrganizationSectionPage.objects.child_of(self).visible().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subsections"] = self.subsections()
        return context


class OrganizationSectionPage(OrganizationPageBase):
    """A subsection of «Сведения об организации»: «Документы», «Платные услуги и цены», …"""

    parent_page_types = ["home.OrganizationInfoPage"]
    subpage_types = []

    def cache_tags(self, request):
        return self.frame_tags()

    class Meta:
        verbose_name = "Подраздел «Сведений об организации»"
        verbose_name_plural = "Подразделы «Сведений об организации»"
