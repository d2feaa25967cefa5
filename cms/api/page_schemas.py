"""API v3's page schemas, as the project registers them for every page type.

Wagtail's read generator types an `APIField(serializer=…)` from the serializer's
`to_representation` return annotation and calls it without the request, so images came
out relative and every such field untyped. The project's generator types a
cms.serializers.ReadOnlyField from its `represent` annotation (a cms.shapes schema) and
passes it the request; its page schemas take their detail and html URLs from the request's
host (cms.addressing). Wagtail's pages router builds its detail union when Wagtail's own
apps import it, before any project code runs, so the project's pages router
(cms.api.v3_pages) answers with the union built here; the content type registry
(/api/v3/schema/) gets the same schemas.
"""

import copy
from typing import get_type_hints

from rest_framework.fields import Field, SkipField

from django.urls import NoReverseMatch, reverse

from wagtail.api import APIField
from wagtail.api.v3.registry import ContentTypeRegistration, registry
from wagtail.api.v3.schemas import PageSchema, read_generator
from wagtail.api.v3.schemas.base import build_discriminated_union
from wagtail.api.v3.schemas.generators.read import SchemaGenerator
from wagtail.api.v3.schemas.pages import (
    BasePageMetaSchema,
    BasePageSchema,
    PageMetaSchema,
    SimpleBasePageMetaSchema,
    SimpleBasePageSchema,
)
from wagtail.api.v3.schemas.revisions import RevisionDetailSchema
from wagtail.models import get_page_models

from cms.addressing import absolute_url
from cms.serializers import ReadOnlyField


def detail_url(page, context):
    try:
        path = reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk})
    except NoReverseMatch:
        return None
    return absolute_url(context["request"], path)


def html_url(page, context):
    request = context["request"]
    try:
        return absolute_url(request, page.get_url(request))
    except NoReverseMatch:
        return None


class LibrarySimplePageMetaSchema(SimpleBasePageMetaSchema):
    resolve_detail_url = staticmethod(detail_url)
    resolve_html_url = staticmethod(html_url)


class LibrarySimplePageSchema(SimpleBasePageSchema):
    meta: LibrarySimplePageMetaSchema


class LibraryBasePageMetaSchema(BasePageMetaSchema):
    resolve_detail_url = staticmethod(detail_url)
    resolve_html_url = staticmethod(html_url)


class LibraryBasePageSchema(BasePageSchema):
    """A page in the /api/v3/pages/ listing."""

    meta: LibraryBasePageMetaSchema


class LibraryPageMetaSchema(PageMetaSchema):
    alias_of: LibrarySimplePageSchema | None = None
    parent: LibrarySimplePageSchema | None = None
    resolve_detail_url = staticmethod(detail_url)
    resolve_html_url = staticmethod(html_url)


class LibraryPageSchema(PageSchema):
    meta: LibraryPageMetaSchema


class RequestPassingSchemaGenerator(SchemaGenerator):
    """Wagtail's read generator, with the project's serializer fields typed and given the
    request; other serializers as Wagtail treats them."""

    @staticmethod
    def _custom_serializer_schema(api_field: APIField):
        if not isinstance(api_field.serializer, ReadOnlyField):
            return SchemaGenerator._custom_serializer_schema(api_field)
        # A private bound copy, as Wagtail's shim makes: v2 keeps using the original.
        serializer = copy.deepcopy(api_field.serializer)
        serializer.bind(field_name=api_field.name, parent=None)
        return_type = get_type_hints(serializer.represent)["return"]

        def resolve(obj, context):
            try:
                # Field's own: ReadOnlyField's keeps the instance on the shared serializer.
                value = Field.get_attribute(serializer, obj)
            except SkipField:
                return None
            if value is None:
                return None
            return serializer.represent(value, instance=obj, request=context["request"])

        return return_type, None, staticmethod(resolve)


def page_read_schemas():
    """{page model: its read schema}, registered for /api/v3/schema/ too."""
    generator = RequestPassingSchemaGenerator()
    generator.field_schemas = dict(read_generator.field_schemas)
    schemas = {}
    for model in get_page_models():
        schemas[model] = generator.generate_schema(model, base_class=LibraryPageSchema)
        registration = registry.get(model._meta.label)
        registry.register(
            ContentTypeRegistration(
                name=registration.name,
                label=registration.label,
                read_schema=schemas[model],
                create_schema=registration.create_schema,
                patch_schema=registration.patch_schema,
            )
        )
    return schemas


_read_schemas = page_read_schemas()
PageDetailSchema = build_discriminated_union(list(_read_schemas), _read_schemas.get)


class PageRevisionDetailSchema(RevisionDetailSchema):
    content_object: PageDetailSchema
