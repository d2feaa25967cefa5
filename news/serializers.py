"""API v2 fields of news pages."""

from django.conf import settings

from cms.renditions import image_data
from cms.serializers import ReadOnlyField

from .comments.models import ReaderComment


class RubricField(ReadOnlyField):
    def to_representation(self, rubric):
        return {"name": rubric.name, "slug": rubric.slug} if rubric else None


class RelatedNewsField(ReadOnlyField):
    """The page's `shown_related_links`: only news a reader may see."""

    def to_representation(self, links):
        request = self.context.get("request")
        return [
            {
                "id": link.related_id,
                "title": link.related.title,
                "url": link.related.get_url(request),
            }
            for link in links
        ]


class PartnersField(ReadOnlyField):
    """The page's `shown_partner_links`: only partners readers see."""

    def to_representation(self, links):
        request = self.context.get("request")
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

    def to_representation(self, page):
        if not settings.COMMENTS_ENABLED:
            return None
        count = getattr(page, "shown_comment_count", None)
        if count is None:
            count = ReaderComment.objects.for_page(page).shown().count()
        return count
