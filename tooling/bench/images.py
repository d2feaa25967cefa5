"""Pools of real Pillow-drawn images for the bench data set, with their renditions made up front.

A reader's request must not be the one that resizes an image: every rendition the templates
and the API ask for is generated here, once per pooled image.
"""

from wagtail.images.models import Image

from cms.renditions import rendition_filter_specs, template_filter_specs
from tooling.demo.images import logo_file, picture_file

# The uses (cms.renditions.TEMPLATE_RENDITIONS) of the images of each role in the data set;
# tests/tooling/test_bench_data.py checks that rendering the pages needs no other rendition.
USES = {
    "news": ["news_card", "news_main", "social"],  # a news item's main image, no social image
    "logo": ["logo"],
    "slide": ["slide"],
    "promo": ["promo"],
}
SIZES = {"news": (1600, 1000), "slide": (1440, 720), "promo": (640, 360)}


def filter_specs(role):
    """Every rendition an image of this role is shown in: templates, then the API's."""
    return [*template_filter_specs(*USES[role]), *rendition_filter_specs()]


def image_pool(role, count, first_seed, scale=1.0):
    """`count` new images drawn for this role, each with all its renditions."""
    images = []
    for number in range(count):
        seed = first_seed + number
        if role == "logo":
            file = logo_file(seed, f"bench-logo-{seed}.png")
        else:
            width, height = SIZES[role]
            size = (round(width * scale), round(height * scale))
            file = picture_file(seed, f"bench-{role}-{seed}.jpg", size=size)
        image = Image.objects.create(
            title=f"Тестовое изображение {seed} ({role})",
            description=f"Иллюстрация: книжная полка, вариант {seed}",
            file=file,
        )
        # Prefetched (none yet), so every rendition is made: the rendition cache may remember
        # rows of an earlier database whose image had the same id.
        image = Image.objects.prefetch_renditions().get(pk=image.pk)
        image.get_renditions(*filter_specs(role))
        images.append(image)
    return images
