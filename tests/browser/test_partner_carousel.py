"""The home page's «Наши партнеры»: a carousel of whole cards with JavaScript, a wrapping grid
without it (js/carousel.js, templates/includes/partner_carousel.html)."""

import pytest

from partners.models import Partner
from tooling.chromium import run_axe, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The cards the reader can see, and whether each lies whole inside the carousel's clipping
# box while every other card lies wholly outside it.
SHOWN_CARDS = """() => {
    const root = document.querySelector('.partner-carousel');
    const box = root.querySelector('.partner-carousel__viewport').getBoundingClientRect();
    const cards = [...root.querySelectorAll('li')];
    const shown = cards.filter(card => getComputedStyle(card).visibility !== 'hidden');
    const inside = r => r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
    const outside = r => r.right <= box.left + 0.5 || r.left >= box.right - 0.5;
    return {
        names: shown.map(card => card.querySelector('a').innerText.trim()),
        whole: shown.every(card => inside(card.getBoundingClientRect())),
        othersOutside: cards.filter(card => !shown.includes(card))
            .every(card => outside(card.getBoundingClientRect())),
        perView: Number(root.dataset.perView),
        current: Number(root.dataset.current),
    };
}"""

FOCUSED_LABEL = "document.activeElement.getAttribute('aria-label')"
PAGE_WIDTH = "document.documentElement.scrollWidth"


def featured_names():
    return list(Partner.objects.featured().values_list("short_name", flat=True))


def test_partners_page_through_whole_cards_by_buttons_and_keyboard(
    live_server, demo_site, open_page
):
    names = featured_names()
    total = len(names)
    assert total >= 5
    tab = open_page(width=360)
    tab.goto(live_server.url + "/")
    carousel = tab.get_by_role("region", name="Наши партнеры")
    status = carousel.locator("[data-carousel-status]")
    previous = carousel.get_by_role("button", name="Предыдущие партнёры")
    following = carousel.get_by_role("button", name="Следующие партнёры")

    cards = tab.evaluate(SHOWN_CARDS)
    assert cards["perView"] == 2
    assert cards["names"] == names[:2]
    assert cards["whole"] and cards["othersOutside"]
    assert previous.get_attribute("aria-disabled") == "true"
    assert status.inner_text() == ""
    assert tab.evaluate(PAGE_WIDTH) <= 360

    # Tab from «previous» to «next», then Enter and Space page forward, two cards at a time.
    previous.focus()
    tab.keyboard.press("Tab")
    assert tab.evaluate(FOCUSED_LABEL) == "Следующие партнёры"
    tab.keyboard.press("Enter")
    assert tab.evaluate(SHOWN_CARDS)["names"] == names[2:4]
    assert status.inner_text() == f"Партнёры 3–4 из {total}"
    assert previous.get_attribute("aria-disabled") is None
    tab.keyboard.press("Space")
    assert tab.evaluate(SHOWN_CARDS)["current"] == 4
    for _ in range(total):  # on to the end; the button then stays put and keeps the focus
        tab.keyboard.press("Enter")
    cards = tab.evaluate(SHOWN_CARDS)
    assert cards["names"] == names[-2:]
    assert cards["whole"] and cards["othersOutside"]
    assert status.inner_text() == f"Партнёры {total - 1}–{total} из {total}"
    assert following.get_attribute("aria-disabled") == "true"
    assert tab.evaluate(FOCUSED_LABEL) == "Следующие партнёры"
    # The cards stay links named by the partner.
    assert carousel.get_by_role("link", name=names[-1]).is_visible()

    tab.keyboard.press("ArrowLeft")
    assert tab.evaluate(SHOWN_CARDS)["current"] == total - 4
    tab.keyboard.press("Shift+Tab")
    assert tab.evaluate(FOCUSED_LABEL) == "Предыдущие партнёры"
    tab.keyboard.press("Space")
    assert tab.evaluate(SHOWN_CARDS)["current"] == total - 6

    # A desktop shows more whole cards per view, and the carousel passes axe as enhanced.
    tab.set_viewport_size({"width": 1280, "height": 900})
    wait_until(tab, "document.querySelector('.partner-carousel').dataset.perView >= 4")
    cards = tab.evaluate(SHOWN_CARDS)
    assert 4 <= cards["perView"] <= 6
    assert len(cards["names"]) == cards["perView"]
    assert cards["whole"] and cards["othersOutside"]
    assert run_axe(tab) == []


# Runs every timer at once; the partners have no rotation, so nothing may move.
FAST_TIMERS = (
    "const realSetInterval = window.setInterval;"
    "window.setInterval = (callback, ms) => realSetInterval(callback, Math.min(ms, 100));"
)


def test_partners_never_move_by_themselves(live_server, demo_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    tab = context.new_page()
    tab.add_init_script(FAST_TIMERS)
    tab.goto(live_server.url + "/")
    tab.wait_for_timeout(600)
    assert tab.evaluate(SHOWN_CARDS)["current"] == 0
    assert tab.locator(".partner-carousel [data-carousel-status]").inner_text() == ""
    assert tab.locator(".slider").get_attribute("data-current") == "0"
    context.close()


def test_without_javascript_every_partner_shows_in_a_wrapping_grid(live_server, demo_site, browser):
    names = featured_names()
    context = browser.new_context(viewport={"width": 360, "height": 900}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + "/")
    cards = tab.evaluate(SHOWN_CARDS)
    assert cards["names"] == names
    assert cards["whole"]
    assert tab.locator(".partner-carousel [data-carousel-controls]").is_hidden()
    rows = tab.evaluate(
        "new Set([...document.querySelectorAll('.partner-carousel li')]"
        ".map(card => Math.round(card.getBoundingClientRect().top))).size"
    )
    assert rows == (len(names) + 1) // 2
    assert tab.evaluate(PAGE_WIDTH) <= 360
    context.close()
