"""Pools of real Pillow-drawn images for the bench data set, with their renditions made up front.

A reader's request must not be the one that resizes an image: every rendition the templates
and the API ask for is generated here, once per pooled image.
"""

from wagtail.images.models import Filter, Image

from cms.renditions import rendition_filter_specs
from tooling.demo.images import logo_file, picture_file

# The filter specs of the templates' {% image %} and {% picture %} tags, by what the image
# shows; tests/home/test_bench_data.py checks that rendering the pages needs no other.
TEMPLATE_SPECS = {
    "news": [
        "fill-1200x630 format-jpeg",  # news_page.html (og:image) and NewsPage.json_ld
        "format-{webp,jpeg} width-{480,960,1440}",  # news_page.html
        "format-{webp,jpeg} fill-{400x250,800x500}",  # includes/news_card.html
    ],
    "logo": [
        "format-{webp,png} max-{96x96,192x192}",  # directory and news page
        "format-{webp,png} max-{120x120,240x240}",  # includes/partner_carousel.html
        "format-{webp,png} max-{160x160,320x320}",  # partners/partner_detail.html
    ],
    "slide": ["format-{webp,jpeg} fill-{720x360,1440x720}"],  # includes/slider.html
    "promo": ["format-{webp,png} fill-{320x180,640x360}"],  # includes/promo_groups.html
}
SIZES = {"news": (1600, 1000), "slide": (1440, 720), "promo": (640, 360)}


def filter_specs(role):
    """Every rendition an image of this role is shown in: templates, then the API's."""
    specs = [spec for pattern in TEMPLATE_SPECS[role] for spec in Filter.expand_spec(pattern)]
    return [*specs, *rendition_filter_specs()]


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
