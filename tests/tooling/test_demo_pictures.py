"""The demo's drawn pictures: distinct scenes per motif, the same picture from the same seed."""

from itertools import combinations

import pytest
from PIL import ImageChops, ImageStat

from tooling.demo import content
from tooling.demo.images import MOTIF_DESCRIPTIONS, MOTIF_NAMES, draw_picture

SMALL = (160, 100)


def difference(a, b):
    """Mean per-channel difference (0–255) of two pictures shrunk to 16×10: their layout."""
    a, b = a.resize((16, 10)), b.resize((16, 10))
    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


@pytest.mark.parametrize("seed", [1, 4])
def test_each_motif_draws_a_different_scene(seed):
    """From one seed (the colours' source), two motifs still differ in layout: a map is not
    a recoloured hall. (The closest pair, computers and exhibition, differs by about 29.)"""
    pictures = {motif: draw_picture(seed, SMALL, motif) for motif in MOTIF_NAMES}
    for first, second in combinations(MOTIF_NAMES, 2):
        assert difference(pictures[first], pictures[second]) > 20, (first, second)


def test_the_same_seed_and_motif_draw_the_same_picture_and_another_seed_varies_it():
    first = draw_picture(5, SMALL, "children")
    assert first.tobytes() == draw_picture(5, SMALL, "children").tobytes()
    assert first.tobytes() != draw_picture(6, SMALL, "children").tobytes()


@pytest.mark.parametrize("size", [(1440, 720), (640, 360), (400, 250), (960, 640)])
def test_pictures_come_in_the_asked_size(size):
    assert draw_picture(3, size).size == size


def test_every_demo_item_names_a_motif_that_exists_and_is_described():
    items = [content.SEED_ARTICLE, *content.MORE_NEWS, *content.SLIDES, *content.PROMOS]
    for item in items:
        assert item["picture"] in MOTIF_NAMES or item in content.MORE_NEWS, item["title"]
        assert item["picture"] in [*MOTIF_NAMES, None], item["title"]
        for motif in item.get("gallery_pictures", []):
            assert motif in MOTIF_NAMES, item["title"]
    assert set(MOTIF_DESCRIPTIONS) == set(MOTIF_NAMES)
    # The demo shows a card without a picture (its placeholder) and a gallery worth a viewer.
    assert any(item["picture"] is None for item in content.MORE_NEWS)
    assert max(item.get("gallery", 0) for item in content.MORE_NEWS) >= 8
