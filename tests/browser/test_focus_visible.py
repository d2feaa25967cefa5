"""Every tab stop of the reader's pages shows its keyboard focus at 3:1 or more against the
element and its surroundings, in the normal version and in each visually-impaired scheme."""

import pytest

from cms.vision import CHOICES
from tests.browser.focus_contrast import focus_failures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_ARTICLE = (
    "/novosti/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"
)
READER_PAGES = [
    "/",
    "/novosti/",
    SEED_ARTICLE,
    "/biblioteki-partnyory/",
    "/biblioteki-partnyory/centralizovannaya-sistema-detskix-bibliotek-g-minska/",
    "/search/?q=библиотека",
    "/reshaem-vmeste/",
    "/accounts/login/",
    "/accounts/signup/",
]


def still_tab(open_page):
    tab = open_page()
    tab.emulate_media(reduced_motion="reduce")  # the slider stands still between photographs
    return tab


def failures_on(tab, base_url, paths):
    found, measured = [], set()
    for path in paths:
        tab.goto(base_url + path)
        found += focus_failures(tab, measured=measured)
    return [str(failure) for failure in found]


def test_focus_shows_on_every_tab_stop_of_the_reader_pages(live_server, demo_site, open_page):
    failures = failures_on(still_tab(open_page), live_server.url, READER_PAGES)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("scheme", list(CHOICES["scheme"][1]))
def test_focus_shows_in_every_visually_impaired_scheme(live_server, demo_site, open_page, scheme):
    tab = still_tab(open_page)
    tab.goto(f"{live_server.url}/vision/?enabled=1&scheme={scheme}&next=/")
    failures = failures_on(tab, live_server.url, ["/", SEED_ARTICLE])
    assert not failures, "\n".join(failures)
