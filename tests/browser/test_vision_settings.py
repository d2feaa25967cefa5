"""The settings of the version for the visually impaired, in Chromium (ГОСТ Р 52872-2019).

One tab per variant, several checks per page load (see vision_checks for the checks).
"""

import pytest

from tests.browser.test_accessibility import PAGES
from tests.browser.vision_checks import (
    content_image_requests,
    horizontal_overflow,
    load,
    set_preferences,
    split_words,
    stretched_images,
    wider_than_viewport,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_ARTICLE = PAGES[3]
FIRST_PARAGRAPH = ".article__body > :first-child p"
LARGEST_WIDEST = {"size": "3", "letters": "wider", "lines": "wider"}


def sideways(tab, base_url, paths):
    """{path: (px, what sticks out)} for each page that scrolls sideways."""
    found = {}
    for path in paths:
        tab.goto(base_url + path)
        if overflow := horizontal_overflow(tab):
            found[path] = (overflow, wider_than_viewport(tab)[:3])
    return found


def test_no_reader_page_scrolls_sideways_at_320_px_in_the_normal_version(
    live_server, demo_site, open_page
):
    assert sideways(open_page(width=320), live_server.url, PAGES) == {}


def test_largest_size_and_widest_spacing_fit_320_px_on_every_reader_page(
    live_server, demo_site, open_page
):
    tab = open_page(width=320)
    set_preferences(tab, live_server.url, scheme="green", font="sans", **LARGEST_WIDEST)
    assert sideways(tab, live_server.url, PAGES) == {}


@pytest.mark.parametrize("font", ["sans", "serif"])
@pytest.mark.parametrize("width", [320, 360])
def test_largest_size_and_widest_spacing_split_no_word_of_the_article(
    live_server, demo_site, open_page, font, width
):
    tab = open_page(width=width)
    set_preferences(tab, live_server.url, scheme="bw", font=font, **LARGEST_WIDEST)
    tab.goto(live_server.url + SEED_ARTICLE)
    assert tab.locator("html.vision-size-3.vision-letters-wider").count() == 1
    assert split_words(tab, FIRST_PARAGRAPH) == []
    assert split_words(tab, "h1, .lead") == []
    assert horizontal_overflow(tab) == 0


def test_images_off_requests_no_content_image(live_server, demo_site, open_page):
    # A fresh tab: pictures already in the browser's cache would be "requested" from it.
    tab = open_page()
    set_preferences(tab, live_server.url, images="off")
    requested = {}
    for path in ["/", "/novosti/", "/biblioteki-partnyory/", SEED_ARTICLE]:
        with content_image_requests(tab) as images:
            load(tab, live_server.url + path)
        if images:
            requested[path] = images
        assert tab.locator("html.vision-images-off").count() == 1
    assert requested == {}
    assert tab.locator(".main-image .vision-alt").is_visible()  # the seed article's picture
    set_preferences(tab, live_server.url, images="on")
    with content_image_requests(tab) as shown:
        load(tab, live_server.url + "/")
    assert shown, "the recorder sees the pictures once they are on"


def test_largest_size_at_1280_px_keeps_slides_uncovered_and_pictures_sharp(
    live_server, demo_site, open_page
):
    tab = open_page(width=1280)
    set_preferences(tab, live_server.url, size="3")
    load(tab, live_server.url + "/")
    controls = tab.locator(".slider__controls").bounding_box()
    slide = tab.locator(".slider__slide").first.bounding_box()
    assert controls is not None, "slider.js shows the buttons"
    assert controls["y"] + controls["height"] <= slide["y"], "the buttons are above the slide"
    stretched = {"/": stretched_images(tab)}
    for path in ["/novosti/", SEED_ARTICLE]:
        load(tab, live_server.url + path)
        stretched[path] = stretched_images(tab)
    assert stretched == {"/": [], "/novosti/": [], SEED_ARTICLE: []}
