"""The sitemap: the site's visible pages, each adding its own addresses (get_sitemap_urls)."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap

from .cachetags import depends_on
from .pages import sitemap_tags, visible_pages


class VisiblePagesSitemap(Sitemap):
    """Wagtail's sitemap, with the pages chosen by the site's one visibility rule."""

    def items(self):
        root = self.get_wagtail_site().root_page
        return (
            visible_pages()
            .descendant_of(root, inclusive=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


def sitemap_view(request, **kwargs):
    """Wagtail's sitemap view, declaring what it is made from (cms.cachetags)."""
    depends_on(request, *sitemap_tags())
    return sitemap(request, **kwargs)
