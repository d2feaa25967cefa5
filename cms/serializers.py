"""API serializer fields shared by pages and snippets.

Each field answers the same in API v2 and v3: v2 calls `to_representation`, v3 (through
cms.api.page_schemas) calls `represent` with the request, and types the field in the OpenAPI
document from `represent`'s return annotation (a schema of cms.shapes).
"""

import re

from rest_framework.fields import Field

from .addressing import absolute_url
from .pages import visible_pages
from .renditions import document_data, image_data
from .shapes import BodyBlockData, DocumentDataSchema, ImageDataSchema, PageReferenceData, TagData


class ReadOnlyField(Field):
    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # Keep the instance: representations need more than one attribute of it.
        self.instance = instance
        return super().get_attribute(instance)

    def to_representation(self, value):
        return self.represent(value, instance=self.instance, request=self.context.get("request"))

    def represent(self, value, *, instance, request):
        raise NotImplementedError


class ImageField(ReadOnlyField):
    """An image with its renditions; `alt_attr` names the page attribute holding alt text."""

    def __init__(self, alt_attr=None, **kwargs):
        self.alt_attr = alt_attr
        super().__init__(**kwargs)

    def represent(self, image, *, instance, request) -> ImageDataSchema | None:
        alt = getattr(instance, self.alt_attr, "") if self.alt_attr else ""
        return image_data(image, request, alt=alt)


class DocumentField(ReadOnlyField):
    def represent(self, document, *, instance, request) -> DocumentDataSchema | None:
        return document_data(document, {"request": request})


class TagsField(ReadOnlyField):
    """Tags as {name, slug} (the slug is what ?tag= takes), from the prefetched tags
    (Wagtail's own field queries once per item)."""

    def represent(self, tags, *, instance, request) -> list[TagData]:
        return sorted(({"name": tag.name, "slug": tag.slug} for tag in tags.all()), key=tag_name)


def tag_name(tag):
    return tag["name"]


class BodyField(ReadOnlyField):
    """A StreamField of cms.blocks.BodyBlock, in its one shape (docs/api.md, «Body blocks»)."""

    def represent(self, body, *, instance, request) -> list[BodyBlockData]:
        return body.stream_block.get_api_representation(body, {"request": request})


# The API's root (/api/v2/ or /api/v3/) in the path of the request being answered.
API_ROOT = re.compile(r"^(.*?/api/v\d+/)")


def api_detail_url(request, endpoint, pk):
    """The detail URL of an item in the API version the request is using."""
    match = API_ROOT.match(request.path) if request else None
    root = match[1] if match else "/api/v2/"
    return absolute_url(request, f"{root}{endpoint}/{pk}/")


class TagNamesField(ReadOnlyField):
    """Image and document tags: names, as Wagtail's media endpoints give them, from the
    prefetched tags (Wagtail's own field queries once per item)."""

    def represent(self, tags, *, instance, request) -> list[str]:
        return sorted(tag.name for tag in tags.all())


def decide_together_data(site_settings, request):
    """«Решаем вместе» as the home page's section and news pages give it to front ends."""
    return {
        "heading": site_settings.decide_title,
        "text": site_settings.decide_text,
        "url": absolute_url(request, site_settings.decide_url(request)),
    }


def card_data(card, request, **extra):
    """A slide or promo block as /api/v2/slides/ and /api/v2/promos/ list it."""
    return {
        "id": card.pk,
        "title": card.title,
        "image": image_data(card.image, request, alt=card.alt_text),
        "url": card.url,
        **extra,
    }


class PageReferenceField(ReadOnlyField):
    """{id, title, html_url} of a chosen page, or null while readers cannot open it."""

    def represent(self, page, *, instance, request) -> PageReferenceData | None:
        if page is None or not visible_pages().filter(pk=page.pk).exists():
            return None
        return {
            "id": page.pk,
            "title": page.title,
            "html_url": absolute_url(request, page.get_url(request)),
        }
