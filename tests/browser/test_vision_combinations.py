"""Every pair of choices of the version for the visually impaired, together, in Chromium.

All 540 combinations of scheme × font × size × letter spacing × line spacing × images would
take the suite's whole time budget; a covering set in which every pair of two settings'
values meets at least once (15 combinations) finds the faults that come from two settings
meeting, which is where they come from. On a 320 px phone each combination opens the home
page, the seed article with its comments and the «Решаем вместе» form and checks that nothing
scrolls sideways, no word of the article's first paragraph is split and no content image is
requested when images are off. axe (slow) takes one of the three pages in turn, so each page
has it in a third of the combinations; every tab stop's focus indicator at 3:1 (slower still:
two photographs a stop) is measured at the largest size, once per scheme, where a ring is
likeliest to be clipped or covered, on the three pages in turn (test_focus_visible covers
each scheme at size 1).
"""

from itertools import combinations, product

import pytest

from cms.vision import CHOICES
from tests.browser.focus_contrast import focus_failures
from tests.browser.test_accessibility import PAGES
from tests.browser.vision_checks import (
    content_image_requests,
    horizontal_overflow,
    set_preferences,
    split_words,
    wider_than_viewport,
)
from tooling.chromium import run_axe

SETTINGS = ["scheme", "font", "size", "letters", "lines", "images"]
HOME, SEED_ARTICLE, FEEDBACK = PAGES[0], PAGES[3], "/reshaem-vmeste/"
FIRST_PARAGRAPH = ".article__body > :first-child p"


def pairwise(options):
    """Combinations (dicts) of `options` ({name: [values]}) in which every two names' values
    meet at least once: greedily the combination covering most unmet pairs, in a fixed order."""
    names = list(options)

    def pairs(combo):
        return {((a, combo[a]), (b, combo[b])) for a, b in combinations(names, 2)}

    candidates = [dict(zip(names, values, strict=True)) for values in product(*options.values())]
    unmet = set().union(*(pairs(combo) for combo in candidates))
    chosen = []
    while unmet:
        best = max(candidates, key=lambda combo: len(pairs(combo) & unmet))
        chosen.append(best)
        unmet -= pairs(best)
    return chosen


COMBINATIONS = pairwise({name: list(CHOICES[name][1]) for name in SETTINGS})
LARGEST = [combo for combo in COMBINATIONS if combo["size"] == "3"]  # one per scheme


def test_the_covering_set_meets_every_pair_of_values():
    for a, b in combinations(SETTINGS, 2):
        met = {(combo[a], combo[b]) for combo in COMBINATIONS}
        assert met == set(product(CHOICES[a][1], CHOICES[b][1])), (a, b)
    assert len(COMBINATIONS) < 30
    assert sorted(combo["scheme"] for combo in LARGEST) == sorted(CHOICES["scheme"][1])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "choices", COMBINATIONS, ids=["-".join(combo.values()) for combo in COMBINATIONS]
)
def test_each_combination_fits_a_phone_shows_focus_splits_no_word_and_passes_axe(
    live_server, demo_site, open_page, choices
):
    # A fresh tab each time: pictures in the browser's cache would hide a request.
    tab = open_page(width=320)
    tab.emulate_media(reduced_motion="reduce")  # the slider stands still for the focus shots
    set_preferences(tab, live_server.url, **choices)
    found = {}
    pages = [HOME, SEED_ARTICLE, FEEDBACK]
    axe_page = pages[COMBINATIONS.index(choices) % len(pages)]
    focus_page = pages[LARGEST.index(choices) % len(pages)] if choices in LARGEST else None
    for path in pages:
        with content_image_requests(tab) as images:
            tab.goto(live_server.url + path)
            if choices["images"] == "off":
                tab.wait_for_load_state("networkidle")
        problems = []
        if path == axe_page:
            problems += run_axe(tab)
        if path == focus_page:
            problems += [str(failure) for failure in focus_failures(tab, measured=set())]
        if overflow := horizontal_overflow(tab):
            problems.append(f"scrolls sideways by {overflow}px: {wider_than_viewport(tab)[:3]}")
        if choices["images"] == "off" and images:
            problems.append(f"requests images: {images}")
        if path == SEED_ARTICLE and (split := split_words(tab, f"h1, {FIRST_PARAGRAPH}")):
            problems.append(f"splits words: {split}")
        if problems:
            found[path] = problems
    assert tab.locator(f"html.vision-scheme-{choices['scheme']}").count() == 1
    assert found == {}
