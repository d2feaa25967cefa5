"""The partner directory in the API: the v2 endpoint and the v3 router."""

import datetime

from ninja import Schema

from wagtail.api.v2.views import BaseAPIViewSet

from cms.api.v2 import SNIPPET_FILTERS, AbsoluteAddressesMixin, ItemSerializer, ModelTagMixin
from cms.api.v3 import read_router
from cms.renditions import document_data, image_data
from cms.shapes import DocumentDataSchema, ImageDataSchema

from .models import Partner

LISTING_FIELDS = ["short_name", "full_name", "slug", "kind", "city", "country", "logo", "featured"]


class PartnersEndpoint(ModelTagMixin, AbsoluteAddressesMixin, BaseAPIViewSet):
    """Shown partners; filter with `?country=`, `?kind=`, `?featured=true`; `?search=`."""

    base_serializer_class = ItemSerializer
    filter_backends = SNIPPET_FILTERS
    model = Partner
    body_fields = [*BaseAPIViewSet.body_fields, *(f.name for f in Partner.api_fields)]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, *LISTING_FIELDS]

    def get_queryset(self):
        return Partner.objects.for_api()


class PartnerCardSchema(Schema):
    id: int
    full_name: str
    short_name: str
    slug: str
    kind: str
    city: str
    region: str
    country: str
    website: str
    description: str
    address: str
    latitude: float | None
    longitude: float | None
    agreement_date: datetime.date | None
    agreement_number: str
    cooperation_areas: list[str]
    featured: bool
    logo: ImageDataSchema | None
    agreement_document: DocumentDataSchema | None

    @staticmethod
    def resolve_cooperation_areas(partner):
        return partner.cooperation_area_list

    @staticmethod
    def resolve_logo(partner, context):
        return image_data(partner.logo, context["request"])

    @staticmethod
    def resolve_agreement_document(partner, context):
        return document_data(partner.agreement_document, context)


# The filters and the search of /api/v2/partners/ (its FieldsFilter and SearchFilter).
partners_router = read_router(
    "partners",
    PartnerCardSchema,
    Partner.objects.for_api,
    filters=("country", "kind", ("featured", bool)),
    searchable=True,
)
