"""Which images and documents the API may list: those that public content uses.

Wagtail's reference index records, for each page and snippet, the images and documents
its row refers to (foreign keys, StreamField chooser blocks, rich text links). It is
rebuilt from the saved row, never from a revision: saving a draft of a live page writes
only the revision, so an image added in a draft is not in the index until it is
published. Site settings are not indexed; their banner image and survey QR code are added
by their fields.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from .models import PromoBlock, SiteSettings, Slide
from .pages import visible_pages

# Functions returning a queryset of what readers see, each the rule of its model. Domain
# apps add theirs (partners: Partner.objects.shown) with register_public_source().
PUBLIC_SOURCES = [visible_pages, Slide.objects.visible, PromoBlock.objects.visible]


def register_public_source(queryset_function):
    """Media used by the objects `queryset_function()` returns count as public."""
    PUBLIC_SOURCES.append(queryset_function)


def public_sources():
    """Querysets of what readers see. Each model is its own base model in the index
    (pages are indexed as wagtailcore.Page), so `queryset.model` names the source."""
    return [queryset_function() for queryset_function in PUBLIC_SOURCES]


def public_reference_ids(model):
    """A subquery of the ids of `model` objects that public content refers to."""
    from_public = Q()
    for queryset in public_sources():
        # object_id is text; casting the source's integer pk keeps the index usable.
        keys = queryset.annotate(key=Cast("pk", CharField())).values("key")
        from_public |= Q(
            base_content_type=ContentType.objects.get_for_model(queryset.model),
            object_id__in=keys,
        )
    return (
        ReferenceIndex.objects.filter(
            from_public, to_content_type=ContentType.objects.get_for_model(model)
        )
        .annotate(target=Cast("to_object_id", IntegerField()))
        .values("target")
    )


def public_image_ids():
    """Ids of images used by visible pages, shown snippets or the site settings."""
    image_model = get_image_model()
    used = Q(pk__in=public_reference_ids(image_model))
    banners = SiteSettings.objects.filter(banner_image__isnull=False).values("banner_image")
    qr_codes = SiteSettings.objects.filter(survey_qr__isnull=False).values("survey_qr")
    return image_model.objects.filter(used | Q(pk__in=banners) | Q(pk__in=qr_codes)).values("pk")


def public_document_ids():
    """Ids of documents used (linked or chosen) by visible pages or shown snippets."""
    document_model = get_document_model()
    return document_model.objects.filter(pk__in=public_reference_ids(document_model)).values("pk")
