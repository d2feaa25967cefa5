"""Images and documents as the API and the export describe them (renditions: sizes × formats),
and the renditions made ahead, when an image is uploaded or the content using it published,
so that no reader's request waits for an image to be resized. The worker makes them (a task
per image), so the editor's upload or publish does not wait either.
"""

import logging
from collections import defaultdict

from django_tasks import task

from django.conf import settings

from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

from .addressing import absolute_url

logger = logging.getLogger(__name__)

RENDITION_SPECS = {
    "thumbnail": "fill-400x250",
    "medium": "width-960",
    "large": "width-1440",
}
FORMATS = ("jpeg", "webp")


def rendition_filter_specs():
    return [f"{spec}|format-{fmt}" for spec in RENDITION_SPECS.values() for fmt in FORMATS]


def image_data(image, request=None, alt=""):
    """{id, title, alt, width, height, renditions: {large_webp: {url, width, height}, …}}."""
    if image is None:
        return None
    renditions = image.get_renditions(*rendition_filter_specs())
    data = {
        "id": image.pk,
        "title": image.title,
        "alt": alt or image.default_alt_text,
        "width": image.width,
        "height": image.height,
        "renditions": {},
    }
    for name, spec in RENDITION_SPECS.items():
        for fmt in FORMATS:
            rendition = renditions[f"{spec}|format-{fmt}"]
            url = absolute_url(request, rendition.url)
            data["renditions"][f"{name}_{fmt}"] = {
                "url": url,
                "width": rendition.width,
                "height": rendition.height,
            }
    return data


def document_data(document, context=None):
    """{id, title, url, extension, size} of a Wagtail document, or None."""
    if document is None:
        return None
    request = (context or {}).get("request")
    return {
        "id": document.pk,
        "title": document.title,
        "url": absolute_url(request, document.url),
        "extension": document.file_extension,
    }


# The renditions each use of an image needs, written as in its template's {% picture %} or
# {% image %} tag (the same text expands to the same filter specs). A test renders every
# page type after publishing and checks that no rendition was made during the request.
TEMPLATE_RENDITIONS = {
    "news_card": ["format-{webp,jpeg} fill-{400x250,800x500}"],
    "news_main": ["format-{webp,jpeg} width-{480,960,1440}"],
    "social": ["fill-1200x630 format-jpeg"],
    "body_image": ["format-{webp,jpeg} width-{480,960}"],
    "gallery": ["format-{webp,jpeg} fill-{300x225,600x450}", "max-1600x1600 format-jpeg"],
    "slide": ["format-{webp,jpeg} fill-{720x360,1440x720}"],
    "promo": ["format-{webp,png} fill-{320x180,640x360}"],
    "logo": [
        "format-{webp,png} max-{96x96,192x192}",
        "format-{webp,png} max-{120x120,240x240}",
        "format-{webp,png} max-{160x160,320x320}",
    ],
    "banner": ["height-48 format-webp"],
    "survey_qr": ["max-160x160 format-png"],
}


def template_filter_specs(*uses):
    """The filter specs of the renditions `uses` (keys of TEMPLATE_RENDITIONS) need."""
    return [
        spec
        for use in uses
        for pattern in TEMPLATE_RENDITIONS[use]
        for spec in Filter.expand_spec(pattern)
    ]


def prepare_renditions(image, *uses):
    """Have the worker make the renditions `uses` (keys of TEMPLATE_RENDITIONS) need."""
    if image is not None:
        make_renditions_task.enqueue(image.pk, template_filter_specs(*uses))


@task()
def make_renditions_task(image_id, specs):
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:  # deleted since
        make_renditions(image, specs)


def make_renditions(image, specs):
    try:
        image.get_renditions(*specs)
    except SourceImageIOError:  # the file is gone; the page shows the image's alt text
        logger.warning("Image %s: file missing, renditions not made", image.pk)


def body_image_uses(body):
    """(image, use) for every image block of a body StreamField."""
    for block in body or []:
        if block.block_type == "image":
            yield block.value["image"], "body_image"
        elif block.block_type == "gallery":
            for item in block.value["images"]:
                yield item["image"], "gallery"


def prepare_published(sender, instance, **kwargs):
    """After a page, snippet or setting is published: the renditions its templates use."""
    if not settings.PREPARE_RENDITIONS:
        return
    instance = getattr(instance, "specific", instance)
    uses_by_image = defaultdict(list)
    for image, use in getattr(instance, "image_uses", list)():
        if image is not None:
            uses_by_image[image].append(use)
    for image, uses in uses_by_image.items():
        prepare_renditions(image, *uses)


def prepare_uploaded(sender, instance, **kwargs):
    if not settings.PREPARE_RENDITIONS:
        return
    make_renditions_task.enqueue(instance.pk, rendition_filter_specs())
