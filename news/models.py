"""The news section: the index, news items, their rubrics and tags."""

from functools import partial

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import CharField, Prefetch, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.cachetags import comments_tag, page_tag, type_tag
from cms.fragments import cached_fragment, when_needed
from cms.models import PromoBlock
from cms.pages import BasePage, MainImageMixin, SitePageQuerySet
from cms.serializers import BodyField, ImageField, TagsField
from cms.slugs import slugify_russian
from partners.cache_rules import PARTNERS, partner_tag
from partners.models import Partner, PartnerDirectoryPage

from .cache_rules import COMMENTS, NEWS, RUBRICS, TAGS
from .comments.models import CommentAttachment, CommentStopWord, ReaderComment
from .comments.pages import CommentsMixin
from .listing import NewsFilter
from .serializers import (
    CommentCountField,
    DecideTogetherField,
    PartnersField,
    RelatedNewsField,
    RubricField,
)

__all__ = ["CommentAttachment", "CommentStopWord", "ReaderComment"]


def name_of(slug, items):
    """The name of the item with this slug among `items`, else the slug itself."""
    return next((item.name for item in items if item.slug == slug), slug)


class NewsRubric(models.Model):
    """An editable list of rubrics («Конкурсы», «Проекты», …) that news belong to."""

    name = models.CharField("Название", max_length=100, unique=True)
    slug = models.SlugField(
        "Адрес",
        max_length=100,
        unique=True,
        blank=True,
        help_text="Латиницей, для адреса фильтра. Пусто — из названия.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "Рубрика новостей"
        verbose_name_plural = "Рубрики новостей"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_russian(self.name)[:100]
        return super().save(*args, **kwargs)


class NewsTag(TagBase):
    """A news tag whose slug is transliterated, so tag filters have Latin addresses."""

    free_tagging = True

    class Meta:
        verbose_name = "Тег новостей"
        verbose_name_plural = "Теги новостей"

    def slugify(self, tag, i=None):
        slug = slugify_russian(tag, max_length=90) or "tag"
        return slug if i is None else f"{slug}-{i}"


class NewsPageTag(ItemBase):
    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_news")
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPageQuerySet(SitePageQuerySet):
    def for_listing(self):
        """Visible news, newest first, with what a news card shows."""
        return (
            self.visible()
            .defer_streamfields()
            .select_related("rubric", "main_image")
            .prefetch_related("main_image__renditions")
            .order_by("-date", "-pk")
        )

    def with_comment_count(self):
        """Each page's count of shown comments as `shown_comment_count`, in the same query."""
        return self.annotate(
            shown_comment_count=ReaderComment.objects.shown().count_per_page(self.model)
        )


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(BasePage):
    """The list of news: newest first, paginated, filtered by tag, rubric and month."""

    intro = models.TextField("Вступление", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    # The rubrics, months and tags the page offers as filters are API queries:
    # /api/v2/pages/?type=news.NewsPage&rubric=…|year=…&month=…|tag=… (docs/api.md).
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "Лента новостей"

    def news(self):
        return NewsPage.objects.child_of(self).for_listing()

    def cache_tags(self, request):
        return self.frame_tags() | {NEWS, RUBRICS}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_filter = NewsFilter.from_query(request.GET)
        news = news_filter.apply(self.news())
        paginator = Paginator(news, settings.NEWS_PER_PAGE)
        if not news_filter.is_active:
            # Counting every visible news item is a scan: once per change to the news.
            paginator.count = self.counted("news-count", news.count, request)
        news_page = paginator.get_page(request.GET.get("page"))
        rubrics = cached_fragment(
            "news-rubrics", [RUBRICS], lambda: list(NewsRubric.objects.all()), request=request
        )
        popular_tags = self.counted("news-popular-tags", lambda: list(self.popular_tags()), request)
        context.update(
            news_filter=news_filter,
            news_page=news_page,
            page_range=paginator.get_elided_page_range(news_page.number),
            rubrics=rubrics,
            archive=when_needed(
                self.counted, "news-archive", lambda: list(self.archive_months()), request
            ),
            popular_tags=popular_tags,
            # The filter line names what the reader chose, not its slug («Конкурсы»).
            rubric_name=name_of(news_filter.rubric, rubrics),
            tag_name=name_of(news_filter.tag, popular_tags),
        )
        return context

    def counted(self, name, aggregate, request=None):
        """`aggregate()`, over all visible news: worked out once per change to the news or
        their tags (cms.cachetags), not on every render."""
        tags = [type_tag(NewsPage), type_tag(NewsTag)]
        return cached_fragment(name, tags, aggregate, vary=self.pk, request=request)

    def archive_months(self):
        """(month, count) pairs of visible news, newest month first, for the archive."""
        return (
            NewsPage.objects.child_of(self)
            .visible()
            .annotate(month=TruncMonth("date"))
            .values_list("month")
            .annotate(count=models.Count("pk"))
            .order_by("-month")
        )

    def popular_tags(self, limit=20):
        return (
            NewsTag.objects.filter(tagged_news__content_object__in=self.news().values("pk"))
            .annotate(count=models.Count("pk"))
            .order_by("-count", "name")[:limit]
        )


class NewsPage(CommentsMixin, MainImageMixin, BasePage):
    date = models.DateField(
        "Дата публикации",
        null=True,
        blank=True,
        db_index=True,
        help_text="Пусто — дата первой публикации.",
    )
    lead = models.TextField("Анонс", help_text="Один-два предложения для списка новостей.")
    body = StreamField(BodyBlock(), verbose_name="Текст новости")
    rubric = models.ForeignKey(
        NewsRubric,
        verbose_name="Рубрика",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    tags = ClusterTaggableManager("Теги", through=NewsPageTag, blank=True)

    objects = NewsPageManager()

    api_fields = [
        APIField("date"),
        APIField("lead"),
        APIField("rubric", serializer=RubricField()),
        APIField("tags", serializer=TagsField()),
        APIField("main_image", serializer=ImageField(alt_attr="main_image_alt_text")),
        APIField("body", serializer=BodyField()),
        APIField("related_news", serializer=RelatedNewsField(source="shown_related_links")),
        APIField("partners", serializer=PartnersField(source="shown_partner_links")),
        APIField("comment_count", serializer=CommentCountField(source="*")),
        APIField("decide_together", serializer=DecideTogetherField(source="*")),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_alt")],
            heading="Главное изображение",
        ),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("rubric"), FieldPanel("tags")], heading="Рубрика и теги"),
        InlinePanel("related_news", label="Связанные новости"),
        InlinePanel("news_partners", label="Библиотеки-партнёры, о которых новость"),
    ]
    settings_panels = [*BasePage.settings_panels, *CommentsMixin.comments_panels]

    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Новость"
        verbose_name_plural = "Новости"
        indexes = [models.Index(fields=["-date", "-page_ptr"], name="news_by_date")]

    def save(self, *args, **kwargs):
        if self.date is None and self.live:
            published = self.first_published_at or timezone.now()
            self.date = timezone.localdate(published)
        return super().save(*args, **kwargs)

    def cache_tags(self, request):
        """The article, its comments, the promo blocks beside it, the rubrics' and tags' names,
        and the related news and partners it links to, shown or not (either may appear); its
        links are read once per version of the article, which saving them makes."""
        links = cached_fragment(
            "news-links", [page_tag(self)], lambda: list(self.links()), self.pk, request
        )
        return (
            self.frame_tags()
            | {comments_tag(self), type_tag(PromoBlock), RUBRICS, TAGS}
            | {page_tag(pk) if kind == "news" else partner_tag(pk) for kind, pk in links}
        )

    def changed_tags(self):
        """Also the pages of the partners it is about, which list their news."""
        partners = NewsPartner.objects.filter(page=self).values_list("partner_id", flat=True)
        return super().changed_tags() | {partner_tag(pk) for pk in partners}

    @classmethod
    def listing_tags(cls):
        """The API's listed news show their comment counts, rubric, tags and partners."""
        return super().listing_tags() | {COMMENTS, RUBRICS, TAGS, PARTNERS}

    def links(self):
        """("news", id) of each related news item and ("partner", id) of each partner, in
        one query."""
        kind = Value("news", output_field=CharField())
        related = NewsPageRelatedNews.objects.filter(page=self).order_by()
        related = related.values_list(kind, "related_id")
        kind = Value("partner", output_field=CharField())
        partners = NewsPartner.objects.filter(page=self).order_by()
        partners = partners.values_list(kind, "partner_id")
        return related.union(partners, all=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            news_index_url=when_needed(lambda: self.get_parent().get_url(request)),
            # Worked out only when a fragment of the page is not cached (cms.fragments).
            tags=when_needed(self.tags.all),
            related_news=when_needed(self.visible_related_news),
            partners=when_needed(
                lambda: PartnerDirectoryPage.with_detail_urls(self.visible_partners(), request)
            ),
            promo_groups=when_needed(PromoBlock.visible_groups),
            json_ld_data=partial(self.json_ld, request),  # called by the template
        )
        return context

    # Filters of /api/v2/pages/?type=news.NewsPage (cms.api.v2.PagesEndpoint).
    api_filters = NewsFilter.names
    # A news item's answer changes only with content (cms.api.item_cache).
    api_items_cached = True

    @classmethod
    def api_listing(cls, news, query):
        """The API's news: the reader's filters, and all that the fields show, prefetched,
        in a fixed number of queries."""
        news = NewsFilter.from_query(query).apply(news).with_comment_count()
        return news.select_related("locale", "rubric", "main_image").prefetch_related(
            "main_image__renditions",
            "tags",
            Prefetch(
                "related_news",
                queryset=NewsPageRelatedNews.objects.shown(),
                to_attr="shown_related_links",
            ),
            Prefetch(
                "news_partners",
                queryset=NewsPartner.objects.shown(),
                to_attr="shown_partner_links",
            ),
        )

    @cached_property
    def shown_related_links(self):
        """Links to the related news a reader may see (the API; listings prefetch them)."""
        return list(NewsPageRelatedNews.objects.shown().filter(page=self))

    @cached_property
    def shown_partner_links(self):
        """Links to the shown partners the news is about (the API; listings prefetch them)."""
        return list(NewsPartner.objects.shown().filter(page=self))

    def visible_related_news(self):
        return (
            NewsPage.objects.for_listing()
            .filter(related_to__page=self)
            .order_by("related_to__sort_order")
        )

    def visible_partners(self):
        return (
            Partner.objects.shown()
            .filter(news_links__page=self)
            .select_related("logo")
            .prefetch_related("logo__renditions")
            .order_by("news_links__sort_order")
        )

    def json_ld(self, request):
        """schema.org NewsArticle for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.search_description or self.lead,
            "datePublished": self.date.isoformat() if self.date else None,
            "dateModified": (self.last_published_at or timezone.now()).isoformat(),
            "mainEntityOfPage": self.get_full_url(request),
            "inLanguage": "ru",
            "publisher": {"@type": "Library", "name": settings.WAGTAIL_SITE_NAME},
        }
        if self.main_image:
            rendition = self.main_image.get_rendition("fill-1200x630|format-jpeg")
            data["image"] = request.build_absolute_uri(rendition.url)
        return data


class NewsPageRelatedNewsQuerySet(models.QuerySet):
    def shown(self):
        """Links whose news a reader may see, in the editors' order."""
        return (
            self.filter(related__in=NewsPage.objects.visible())
            .select_related("related")
            .order_by("sort_order")
        )


class NewsPageRelatedNews(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_news")
    related = models.ForeignKey(
        NewsPage,
        verbose_name="Новость",
        on_delete=models.CASCADE,
        related_name="related_to",
    )

    objects = NewsPageRelatedNewsQuerySet.as_manager()

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = "Связанная новость"
        verbose_name_plural = "Связанные новости"


class NewsPartnerQuerySet(models.QuerySet):
    def shown(self):
        """Links whose partner readers see, in the editors' order."""
        return (
            self.filter(partner__in=Partner.objects.shown())
            .select_related("partner__logo")
            .prefetch_related("partner__logo__renditions")
            .order_by("sort_order")
        )


class NewsPartner(Orderable):
    """A partner that a news item is about; news pages choose these in the admin."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="news_partners")
    partner = models.ForeignKey(
        Partner, verbose_name="Партнёр", on_delete=models.CASCADE, related_name="news_links"
    )

    objects = NewsPartnerQuerySet.as_manager()

    panels = [FieldPanel("partner")]

    class Meta(Orderable.Meta):
        verbose_name = "Партнёр в новости"
        verbose_name_plural = "Партнёры в новости"
