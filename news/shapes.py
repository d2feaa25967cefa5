"""Shapes of news' own API fields (cms.shapes has the shared ones)."""

from ninja import Schema

from cms.shapes import ImageDataSchema


class RelatedNewsData(Schema):
    id: int
    title: str
    url: str


class PartnerLinkData(Schema):
    id: int
    short_name: str
    full_name: str
    slug: str
    logo: ImageDataSchema | None
