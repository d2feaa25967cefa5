"""The pages endpoint of API v2, with news filters and the prefetching its fields need."""

from copy import copy

from django.db.models import Prefetch

from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from home.api import SafeFieldsFilter, TagsPrefetchMixin, with_fields_filter
from partners.models import NewsPartner

from .listing import NewsFilter
from .models import NewsPage, NewsPageRelatedNews

NEWS_FILTERS = {"tag", "rubric", "year", "month"}


class FieldsFilterExceptNewsFilters(SafeFieldsFilter):
    """Wagtail's ?field=value filters, leaving ?rubric= (a slug here, not an id) to us."""

    def filter_queryset(self, request, queryset, view):
        request = copy(request)
        request.GET = request.GET.copy()
        for name in NEWS_FILTERS:
            request.GET.pop(name, None)
        return super().filter_queryset(request, queryset, view)


class PagesEndpoint(TagsPrefetchMixin, PagesAPIViewSet):
    known_query_parameters = PagesAPIViewSet.known_query_parameters | NEWS_FILTERS
    filter_backends = with_fields_filter(
        PagesAPIViewSet.filter_backends, FieldsFilterExceptNewsFilters
    )

    def get_queryset(self):
        queryset = super().get_queryset()
        asked_for_news_filters = NEWS_FILTERS & set(self.request.GET)
        if queryset.model is not NewsPage:
            if asked_for_news_filters:
                raise BadRequestError("filters tag, rubric, year and month need type=news.NewsPage")
            return queryset
        return self.with_news_fields(NewsFilter.from_query(self.request.GET).apply(queryset))

    @staticmethod
    def with_news_fields(news):
        """Everything a news listing with all fields shows, in a fixed number of queries."""
        news = news.with_comment_count().select_related("locale", "rubric", "main_image")
        return news.prefetch_related(
            "main_image__renditions",
            "tags",
            Prefetch(
                "related_news",
                queryset=NewsPageRelatedNews.objects.select_related("related"),
            ),
            Prefetch(
                "news_partners",
                queryset=NewsPartner.objects.select_related("partner__logo").prefetch_related(
                    "partner__logo__renditions"
                ),
            ),
        )
