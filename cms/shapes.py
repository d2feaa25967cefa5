"""The shapes of the API's items as pydantic schemas: API v3's OpenAPI types, and the shape
API v2 and the export give the same items (cms.serializers return them).

Class names are OpenAPI component names, one namespace with Wagtail's: ours end in Data
where Wagtail has a class of the same noun (ImageSchema).
"""

import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field


class RenditionDataSchema(Schema):
    url: str
    width: int
    height: int


class ImageDataSchema(Schema):
    id: int
    title: str
    alt: str
    width: int
    height: int
    renditions: dict[str, RenditionDataSchema]


class DocumentDataSchema(Schema):
    id: int
    title: str
    url: str
    extension: str


class TagData(Schema):
    name: str
    slug: str


class RubricData(Schema):
    name: str
    slug: str


# StreamField blocks: {"type", "value", "id"}; `type` tells the value's shape.
class CaptionedImageData(Schema):
    image: ImageDataSchema | None
    caption: str


class GalleryData(Schema):
    title: str
    images: list[CaptionedImageData]


class QuoteData(Schema):
    text: str
    author: str


class VideoData(Schema):
    url: str
    title: str


class DocumentLinkData(Schema):
    title: str
    document: DocumentDataSchema | None


class ParagraphBlockData(Schema):
    type: Literal["paragraph"]
    value: str = Field(description="HTML; links to the site's pages and files are absolute")
    id: str


class ImageBlockData(Schema):
    type: Literal["image"]
    value: CaptionedImageData
    id: str


class GalleryBlockData(Schema):
    type: Literal["gallery"]
    value: GalleryData
    id: str


class QuoteBlockData(Schema):
    type: Literal["quote"]
    value: QuoteData
    id: str


class VideoBlockData(Schema):
    type: Literal["video"]
    value: VideoData
    id: str


class DocumentBlockData(Schema):
    type: Literal["document"]
    value: DocumentLinkData
    id: str


BodyBlockData = Annotated[
    ParagraphBlockData
    | ImageBlockData
    | GalleryBlockData
    | QuoteBlockData
    | VideoBlockData
    | DocumentBlockData,
    Field(discriminator="type"),
]


class ListedDocumentData(DocumentDataSchema):
    type: str = Field(description="The file's type as readers see it: «PDF», «DOCX»")
    size: int | None = Field(description="Bytes; null when the file is missing")
    label: str = Field(description="Type and size as the page shows them: «PDF, 1,2 МБ»")


class DocumentListItemData(Schema):
    title: str
    date: datetime.date | None
    number: str
    document: ListedDocumentData | None


class DocumentListData(Schema):
    heading: str
    documents: list[DocumentListItemData]


class DocumentListBlockData(Schema):
    type: Literal["document_list"]
    value: DocumentListData
    id: str


# The body of «Сведения об организации» pages: the body blocks and the document list.
OrganizationBodyBlockData = Annotated[
    ParagraphBlockData
    | ImageBlockData
    | GalleryBlockData
    | QuoteBlockData
    | VideoBlockData
    | DocumentBlockData
    | DocumentListBlockData,
    Field(discriminator="type"),
]


class NewsCardData(Schema):
    id: int
    title: str
    date: datetime.date | None
    lead: str
    html_url: str
    detail_url: str
    main_image: ImageDataSchema | None


class PartnerCardData(Schema):
    id: int
    short_name: str
    full_name: str
    html_url: str
    website: str
    logo: ImageDataSchema | None


class CardData(Schema):
    """A slide or promo block as /api/v2/slides/ and /api/v2/promos/ give it."""

    id: int
    title: str
    image: ImageDataSchema | None
    url: str


class SlideData(CardData):
    subtitle: str
    button_text: str


class PromoData(CardData):
    group: str


class SlidesSectionData(Schema):
    kind: Literal["slides"]
    heading: str
    items: list[SlideData]


class NewsSectionData(Schema):
    kind: Literal["news"]
    heading: str
    items: list[NewsCardData]
    all_url: str | None


class DecideTogetherSectionData(Schema):
    kind: Literal["decide_together"]
    heading: str
    text: str
    url: str


class PromosSectionData(Schema):
    kind: Literal["promos"]
    group: str
    heading: str
    items: list[PromoData]


class PartnersSectionData(Schema):
    kind: Literal["partners"]
    heading: str
    items: list[PartnerCardData]


HomeSectionData = Annotated[
    SlidesSectionData
    | NewsSectionData
    | DecideTogetherSectionData
    | PromosSectionData
    | PartnersSectionData,
    Field(discriminator="kind"),
]


class PageReferenceData(Schema):
    id: int
    title: str
    html_url: str
