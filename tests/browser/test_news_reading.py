"""Reading news in the browser: the gallery's photo viewer by mouse and keyboard (in the
version for the visually impaired too), and an even grid of news cards with and without a
picture."""

import pytest

from news.models import NewsIndexPage, NewsPage
from tooling.chromium import run_axe, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GALLERY_NEWS = "Летнее чтение — 2025: итоги"  # the demo's news with a gallery of eight
VIEWER = "dialog.viewer"


def counter(tab):
    return tab.locator(f"{VIEWER} .viewer__counter").inner_text()


def focused_in_viewer(tab):
    return tab.evaluate("!!document.activeElement.closest('dialog.viewer[open]')")


def wait_for_focus_on_link(tab, index):
    """The viewer gives focus back in its `close` event, which the browser fires a moment
    after the dialog has closed."""
    wait_until(
        tab,
        "[...document.querySelectorAll('[data-gallery-item]')].indexOf(document.activeElement)"
        f" === {index}",
        timeout=5,
    )


def test_gallery_viewer_by_click_and_keyboard(live_server, demo_site, open_page, screenshot):
    article = NewsPage.objects.get(title=GALLERY_NEWS)
    tab = open_page()
    tab.goto(live_server.url + article.url)
    links = tab.locator("[data-gallery-item]")
    assert links.count() == 8
    viewer = tab.locator(VIEWER)
    assert not viewer.is_visible()

    links.nth(0).click()
    assert viewer.is_visible()
    assert counter(tab) == "1 из 8"
    assert focused_in_viewer(tab)
    image = tab.locator(f"{VIEWER} .viewer__image")
    assert image.evaluate("img => img.src") == links.nth(0).evaluate("a => a.href")
    assert image.get_attribute("alt") == links.nth(0).get_attribute("data-alt")
    assert tab.locator(f"{VIEWER} .viewer__caption").inner_text() == "Фото 1"
    wait_until(tab, "document.querySelector('.viewer__image').complete")  # loaded
    assert image.evaluate("img => img.naturalWidth") > 0
    assert run_axe(tab) == []
    screenshot(tab, "news-gallery-viewer-1280")

    tab.keyboard.press("ArrowRight")
    assert counter(tab) == "2 из 8"
    tab.keyboard.press("ArrowLeft")
    tab.keyboard.press("ArrowLeft")
    assert counter(tab) == "8 из 8"  # round from the first to the last
    tab.keyboard.press("Escape")
    assert not viewer.is_visible()
    wait_for_focus_on_link(tab, 7)  # the thumbnail of the photo last shown

    links.nth(1).focus()
    tab.keyboard.press("Enter")
    assert viewer.is_visible() and counter(tab) == "2 из 8"
    tab.get_by_role("button", name="Следующее фото").click()
    assert counter(tab) == "3 из 8"
    tab.get_by_role("button", name="Предыдущее фото").click()
    tab.get_by_role("button", name="Закрыть").click()
    assert not viewer.is_visible()
    wait_for_focus_on_link(tab, 1)


def test_gallery_viewer_in_the_version_for_the_visually_impaired_with_images_off(
    live_server, demo_site, open_page
):
    article = NewsPage.objects.get(title=GALLERY_NEWS)
    tab = open_page()
    tab.goto(f"{live_server.url}/vision/?enabled=1&scheme=wb&size=2&images=off&next={article.url}")
    link = tab.locator("[data-gallery-item]").nth(2)
    assert link.locator(".vision-alt").is_visible()  # the words stand in for the thumbnail
    link.click()
    assert tab.locator(VIEWER).is_visible() and counter(tab) == "3 из 8"
    assert not tab.locator(f"{VIEWER} .viewer__image").is_visible()
    description = tab.locator(f"{VIEWER} .viewer__alt")
    assert description.is_visible() and description.inner_text() == link.get_attribute("data-alt")
    assert run_axe(tab) == []
    tab.keyboard.press("Escape")
    wait_for_focus_on_link(tab, 2)


def box(locator):
    return locator.bounding_box()


def test_news_cards_with_and_without_a_picture_keep_the_grid_even(
    live_server, demo_site, open_page, screenshot
):
    index = NewsIndexPage.objects.get()
    tab = open_page(width=1280)
    tab.goto(live_server.url + index.url)
    cards = tab.locator(".news-card")
    first, second = cards.nth(0), cards.nth(1)  # the demo's newest has no picture, the next one has
    assert first.locator(".news-card__placeholder").count() == 1
    assert second.locator("img").count() == 1
    assert box(first)["y"] == box(second)["y"]  # one row
    assert box(first)["height"] == box(second)["height"]
    placeholder, picture = box(first.locator(".news-card__placeholder")), box(second.locator("img"))
    assert round(placeholder["height"]) == round(picture["height"]) > 100
    title_offsets = [
        box(card.locator(".news-card__title"))["y"] - box(card)["y"] for card in (first, second)
    ]
    assert title_offsets[0] == title_offsets[1]
    screenshot(tab, "news-index-card-without-picture-1280")
