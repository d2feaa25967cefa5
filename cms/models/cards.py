"""Slides and promo blocks: scheduled, ordered, draft-able cards that link somewhere."""

from typing import NamedTuple

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Q
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.api import APIField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index

from cms.serializers import ImageField

from .preview import HeadlessPreviewMixin


class CardQuerySet(models.QuerySet):
    def visible(self, at=None):
        """Published cards inside their date window, in the editors' order."""
        at = at or timezone.now()
        return (
            self.filter(live=True)
            .filter(Q(starts_at__isnull=True) | Q(starts_at__lte=at))
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))
            .select_related("image", "link_page")
            .prefetch_related("image__renditions")
            .order_by(F("sort_order").asc(nulls_last=True), "id")
        )

    def next_edge(self, at):
        """The first moment after `at` when one of these cards appears or disappears."""
        edges = self.filter(live=True).aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=at)),
            end=Min("ends_at", filter=Q(ends_at__gt=at)),
        )
        return min((edge for edge in edges.values() if edge), default=None)


def next_window_edge(at=None):
    """When the visible slides or promos next change by the clock alone, or None.

    Cached pages must not outlive that moment (cms.pagecache).
    """
    at = at or timezone.now()
    edges = [model.objects.next_edge(at) for model in (Slide, PromoBlock)]
    return min((edge for edge in edges if edge), default=None)


class CardForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "image" in self.fields:
            self.fields["image"].error_messages["required"] = (
                "Выберите изображение: без него карточку нельзя показать на сайте."
            )


class LinkedCard(
    HeadlessPreviewMixin, PreviewableMixin, DraftStateMixin, RevisionMixin, index.Indexed, Orderable
):
    """A picture with a title and a link, shown between optional start and end times."""

    title = models.CharField("Заголовок", max_length=150)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Изображение",
        on_delete=models.PROTECT,
        related_name="+",
    )
    image_alt = models.CharField(
        "Альтернативный текст",
        max_length=255,
        blank=True,
        help_text="Что изображено. Пусто — описание изображения из галереи.",
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Страница сайта",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField("или внешний адрес", blank=True)
    starts_at = models.DateTimeField("Показывать с", null=True, blank=True)
    ends_at = models.DateTimeField("Показывать до", null=True, blank=True)

    objects = CardQuerySet.as_manager()
    base_form_class = CardForm

    api_fields = [
        APIField("title"),
        APIField("image", serializer=ImageField(alt_attr="alt_text")),
        APIField("url"),
        APIField("starts_at"),
        APIField("ends_at"),
    ]

    link_panels = [
        MultiFieldPanel(
            [FieldPanel("link_page"), FieldPanel("link_url")],
            heading="Ссылка",
        ),
        FieldRowPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at")],
            heading="Период показа",
            help_text="Пусто — без ограничения.",
        ),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        # What visible() filters and orders by, so that ?search= works with it.
        *(index.FilterField(f) for f in ("id", "live", "starts_at", "ends_at", "sort_order")),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "Дата окончания показа должна быть позже даты начала."
        if self.link_page_id and self.link_url:
            errors["link_url"] = "Укажите либо страницу сайта, либо внешний адрес, не оба."
        if errors:
            raise ValidationError(errors)

    @property
    def url(self):
        # An unpublished target page would 404; the card then shows without a link.
        if self.link_page_id:
            return self.link_page.url if self.link_page.live else ""
        return self.link_url

    @property
    def is_external(self):
        return not self.link_page_id and bool(self.link_url)

    @property
    def alt_text(self):
        return self.image_alt or (self.image.default_alt_text if self.image_id else "")


class Slide(LinkedCard):
    subtitle = models.CharField("Подзаголовок", max_length=255, blank=True)
    button_text = models.CharField("Текст кнопки", max_length=50, default="Подробнее")
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="slide")

    api_fields = [
        *LinkedCard.api_fields,
        APIField("subtitle"),
        APIField("button_text"),
        APIField("sort_order"),
    ]

    panels = [
        FieldPanel("title"),
        FieldPanel("subtitle"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("button_text"),
        *LinkedCard.link_panels,
    ]

    class Meta(LinkedCard.Meta):
        verbose_name = "Слайд"
        verbose_name_plural = "Слайды"

    def image_uses(self):
        return [(self.image, "slide")]

    def get_preview_template(self, request, mode_name):
        return "cms/previews/slide.html"

    def get_preview_context(self, request, mode_name):
        return super().get_preview_context(request, mode_name) | {"slides": [self]}


class PromoBlock(LinkedCard):
    PROJECTS = "projects"
    CONTESTS = "contests"
    GROUPS = [(PROJECTS, "Наши проекты"), (CONTESTS, "Актуальные конкурсы")]

    group = models.CharField("Группа", max_length=20, choices=GROUPS, default=PROJECTS)

    search_fields = [*LinkedCard.search_fields, index.FilterField("group")]
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="promo_block")

    api_fields = [*LinkedCard.api_fields, APIField("group"), APIField("sort_order")]

    panels = [
        FieldPanel("group"),
        FieldPanel("title"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        *LinkedCard.link_panels,
    ]

    class Meta(LinkedCard.Meta):
        verbose_name = "Промоблок"
        verbose_name_plural = "Промоблоки"

    def image_uses(self):
        return [(self.image, "promo")]

    def get_preview_template(self, request, mode_name):
        return "cms/previews/promo_block.html"

    def get_preview_context(self, request, mode_name):
        group = PromoGroup(self.group, self.get_group_display(), [self])
        return super().get_preview_context(request, mode_name) | {"promo_groups": [group]}

    @classmethod
    def visible_groups(cls):
        """[PromoGroup(group, heading, [promo, …]), …] for every group with something to
        show, in GROUPS order; the heading is the group's label, on the site and in the API."""
        promos = list(cls.objects.visible())
        return [
            PromoGroup(value, label, [promo for promo in promos if promo.group == value])
            for value, label in cls.GROUPS
            if any(promo.group == value for promo in promos)
        ]


class PromoGroup(NamedTuple):
    group: str
    heading: str
    promos: list
