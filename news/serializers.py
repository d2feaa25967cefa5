"""API fields of news pages (v2 and v3: see cms.serializers)."""

from django.conf import settings

from cms.addressing import absolute_url
from cms.models import SiteSettings
from cms.renditions import image_data
from cms.serializers import ReadOnlyField, decide_together_data
from cms.shapes import RubricData

from .comments.models import ReaderComment
from .shapes import NewsDecideTogetherData, PartnerLinkData, RelatedNewsData


class RubricField(ReadOnlyField):
    def represent(self, rubric, *, instance, request) -> RubricData | None:
        return {"name": rubric.name, "slug": rubric.slug} if rubric else None


class RelatedNewsField(ReadOnlyField):
    """The page's `shown_related_links`: only news a reader may see."""

    def represent(self, links, *, instance, request) -> list[RelatedNewsData]:
        return [
            {
                "id": link.related_id,
                "title": link.related.title,
                "url": absolute_url(request, link.related.get_url(request)),
            }
            for link in links
        ]


class PartnersField(ReadOnlyField):
    """The page's `shown_partner_links`: only partners readers see."""

    def represent(self, links, *, instance, request) -> list[PartnerLinkData]:
        return [
            {
                "id": link.partner_id,
                "short_name": link.partner.short_name,
                "full_name": link.partner.full_name,
                "slug": link.partner.slug,
                "logo": image_data(link.partner.logo, request),
            }
            for link in links
        ]


class CommentCountField(ReadOnlyField):
    """Shown comments of the page: annotated on listings, counted on a single page."""

    def represent(self, page, *, instance, request) -> int | None:
        if not settings.COMMENTS_ENABLED:
            return None
        count = getattr(page, "shown_comment_count", None)
        if count is None:
            count = ReaderComment.objects.for_page(page).shown().count()
        return count


class DecideTogetherField(ReadOnlyField):
    """The site's «Решаем вместе» block where news pages show it (the site settings'
    placement), or null where they do not."""

    def represent(self, page, *, instance, request) -> NewsDecideTogetherData | None:
        if request is not None:
            site_settings = SiteSettings.for_request(request)
        else:  # serialised outside a request: the page's own site
            site_settings = SiteSettings.for_site(instance.get_site())
        placement = site_settings.decide_placement_on_news
        if not placement:
            return None
        return {
            "placement": placement,
            **decide_together_data(site_settings, request),
            "pos_widget_id": site_settings.pos_widget_id,
        }
