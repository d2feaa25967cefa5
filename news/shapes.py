"""Shapes of news' own API fields (cms.shapes has the shared ones)."""

from typing import Literal

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


class NewsDecideTogetherData(Schema):
    """«Решаем вместе» on a news page: `placement` after the body or after the comments."""

    placement: Literal["after_body", "after_comments"]
    heading: str
    text: str
    url: str
    pos_widget_id: str
