"""Demo pictures drawn with Pillow, so demo content needs no downloads: scenes of library
life (tooling/demo/motifs.py), partner logos and a scanned-looking agreement."""

import random
from io import BytesIO

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from .canvas import Canvas
from .motifs import MOTIFS

MOTIF_NAMES = sorted(MOTIFS)
# What each motif shows, for the images' descriptions (the alt text readers get).
MOTIF_DESCRIPTIONS = {
    "books": "стеллажи с книгами и тележка новых поступлений",
    "children": "дети читают книги на ковре в детском зале",
    "computers": "занятие в компьютерном классе библиотеки",
    "craft": "мастер-класс: дети мастерят из цветной бумаги",
    "exhibition": "книжная выставка на стендах",
    "hall": "читальный зал с лампами и книжными стеллажами",
    "map": "карта Кузбасса с метками библиотек-партнёров",
    "stage": "выступление на сцене перед зрителями",
}

PALETTES = [
    ("#0b4f8a", "#ffd43b", "#ffffff"),
    ("#2b8a3e", "#ffe066", "#e6fcf5"),
    ("#862e9c", "#ffa8a8", "#f8f0fc"),
    ("#c2410c", "#fde68a", "#fff7ed"),
    ("#1864ab", "#74c0fc", "#e7f5ff"),
    ("#5c940d", "#ffec99", "#f4fce3"),
]


def motif_for_seed(seed):
    """A motif when the caller does not name one: the same seed always gets the same."""
    return MOTIF_NAMES[random.Random(f"motif:{seed}").randrange(len(MOTIF_NAMES))]


def draw_picture(seed, size=(1600, 1000), motif=None):
    """A deterministic flat illustration of library life: `motif` (a key of MOTIFS, chosen
    from the seed when None) decides the scene, the seed its colours and details."""
    motif = motif or motif_for_seed(seed)
    canvas = Canvas(size, random.Random(f"{motif}:{seed}"))
    MOTIFS[motif](canvas)
    return canvas.result()


def scaled_size(size, scale):
    return (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))


def scaled(image, scale):
    """The drawing resized (the tests use smaller files: fewer pixels to make renditions of)."""
    if scale == 1:
        return image
    return image.resize(scaled_size(image.size, scale))


def picture_file(seed, name, size=(1600, 1000), image_format="JPEG", scale=1, motif=None):
    """The picture as a file ready for an ImageField or FileField. A smaller `scale` draws
    the same scene at that size (cheaper than drawing it large and resizing)."""
    buffer = BytesIO()
    picture = draw_picture(seed, scaled_size(size, scale), motif)
    picture.save(buffer, image_format, quality=85)
    return ImageFile(buffer, name=name)


def pdf_file(seed, name):
    """A one-page PDF (a drawn page), standing in for a scanned agreement."""
    buffer = BytesIO()
    draw_document(seed).save(buffer, "PDF", resolution=150)
    return ImageFile(buffer, name=name)


def draw_document(seed, size=(1240, 1754)):
    """A scanned page: a heading, lines of text, two signatures and a round seal."""
    rng = random.Random(f"document:{seed}")
    page = PILImage.new("RGB", size, "#fbfaf6")
    draw = ImageDraw.Draw(page)
    width, height = size
    margin = width // 9
    draw.rectangle((width * 0.3, margin, width * 0.7, margin + 28), fill="#495057")
    y = margin + 110
    while y < height * 0.68:
        indent = 60 if rng.random() < 0.15 else 0
        end = width - margin - (rng.randrange(0, 400) if rng.random() < 0.2 else 0)
        draw.rectangle((margin + indent, y, end, y + 14), fill="#adb5bd")
        y += 40 + (30 if indent else 0)
    for x in (margin, width // 2 + 40):
        draw.line((x, height * 0.8, x + 380, height * 0.8), fill="#495057", width=4)
        draw.arc((x + 60, height * 0.8 - 70, x + 260, height * 0.8 + 10), 200, 340,
                 fill="#1864ab", width=6)  # fmt: skip
    seal_x, seal_y, r = width * 0.68, height * 0.8, 120
    draw.ellipse((seal_x - r, seal_y - r, seal_x + r, seal_y + r), outline="#1c7ed6", width=8)
    draw.ellipse((seal_x - r * 0.7, seal_y - r * 0.7, seal_x + r * 0.7, seal_y + r * 0.7),
                 outline="#1c7ed6", width=5)  # fmt: skip
    return page


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
