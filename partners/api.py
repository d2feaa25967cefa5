"""API v2 endpoint of the partner directory."""

from wagtail.api.v2.views import BaseAPIViewSet

from home.api import SNIPPET_FILTERS

from .models import Partner

LISTING_FIELDS = ["short_name", "full_name", "slug", "kind", "city", "country", "logo", "featured"]


class PartnersEndpoint(BaseAPIViewSet):
    """Published partners; filter with `?country=`, `?kind=`, `?featured=true`; `?search=`."""

    filter_backends = SNIPPET_FILTERS
    model = Partner
    body_fields = [*BaseAPIViewSet.body_fields, *(f.name for f in Partner.api_fields)]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, *LISTING_FIELDS]

    def get_queryset(self):
        return Partner.objects.for_directory()
