"""Demo pictures drawn with Pillow, so demo content needs no downloads."""

import random
from io import BytesIO

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

PALETTES = [
    ("#0b4f8a", "#ffd43b", "#ffffff"),
    ("#2b8a3e", "#ffe066", "#e6fcf5"),
    ("#862e9c", "#ffa8a8", "#f8f0fc"),
    ("#c2410c", "#fde68a", "#fff7ed"),
    ("#1864ab", "#74c0fc", "#e7f5ff"),
    ("#5c940d", "#ffec99", "#f4fce3"),
]


def draw_picture(seed, size=(1600, 1000)):
    """A bright, deterministic picture of books and stars on a coloured background."""
    rng = random.Random(seed)
    dark, bright, light = PALETTES[rng.randrange(len(PALETTES))]
    width, height = size
    picture = PILImage.new("RGB", size, dark)
    draw = ImageDraw.Draw(picture)
    for _ in range(40):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(4, 14)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=bright)
    shelf_y = int(height * 0.78)
    x = int(width * 0.12)
    while x < width * 0.88:
        book_w = rng.randrange(50, 110)
        book_h = rng.randrange(int(height * 0.3), int(height * 0.55))
        colour = rng.choice([bright, light, "#ff8787", "#63e6be", "#ffc078"])
        draw.rounded_rectangle((x, shelf_y - book_h, x + book_w, shelf_y), 8, fill=colour)
        draw.line(
            (x + 12, shelf_y - book_h + 30, x + book_w - 12, shelf_y - book_h + 30),
            fill=dark,
            width=6,
        )
        x += book_w + rng.randrange(6, 20)
    draw.rectangle((0, shelf_y, width, shelf_y + 24), fill=light)
    return picture


def scaled(image, scale):
    """The drawing resized (the tests use smaller files: fewer pixels to make renditions of)."""
    if scale == 1:
        return image
    return image.resize((round(image.width * scale), round(image.height * scale)))


def picture_file(seed, name, size=(1600, 1000), image_format="JPEG", scale=1):
    """The picture as a file ready for an ImageField or FileField."""
    buffer = BytesIO()
    scaled(draw_picture(seed, size), scale).save(buffer, image_format, quality=85)
    return ImageFile(buffer, name=name)


def pdf_file(seed, name):
    """A one-page PDF (a drawn page), standing in for a scanned agreement."""
    buffer = BytesIO()
    draw_picture(seed, (1240, 1754)).save(buffer, "PDF", resolution=150)
    return ImageFile(buffer, name=name)


def draw_logo(seed, size=400):
    """A round badge with an open book: a stand-in logo for a partner library."""
    rng = random.Random(seed)
    dark, bright, light = PALETTES[rng.randrange(len(PALETTES))]
    logo = PILImage.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(logo)
    draw.ellipse((8, 8, size - 8, size - 8), fill=dark)
    draw.ellipse((40, 40, size - 40, size - 40), outline=bright, width=10)
    middle, top, bottom = size // 2, int(size * 0.32), int(size * 0.68)
    draw.polygon(
        [
            (middle, top + 20),
            (int(size * 0.27), top),
            (int(size * 0.27), bottom - 20),
            (middle, bottom),
        ],
        fill=light,
    )
    draw.polygon(
        [
            (middle, top + 20),
            (int(size * 0.73), top),
            (int(size * 0.73), bottom - 20),
            (middle, bottom),
        ],
        fill=bright,
    )
    return logo


def logo_file(seed, name, scale=1):
    buffer = BytesIO()
    scaled(draw_logo(seed), scale).save(buffer, "PNG")
    return ImageFile(buffer, name=name)
