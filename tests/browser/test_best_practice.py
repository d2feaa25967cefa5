"""axe's best-practice rules as well as WCAG on the pages whose landmarks and forms were
found wanting: the search results, a partner and the «Решаем вместе» form."""

import pytest

from tests.feedback.helpers import reset_rate_limit
from tooling.chromium import BEST_PRACTICE, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/search/?q=библиотека",
    "/search/",
    "/biblioteki-partnyory/centralizovannaya-sistema-detskix-bibliotek-g-minska/",
    "/reshaem-vmeste/",
]


def problems(tab):
    return run_axe(tab, BEST_PRACTICE)


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_pass_axe_best_practice_as_well_as_wcag(live_server, demo_site, open_page, width):
    reset_rate_limit()
    tab = open_page(width=width)
    found = {}
    for path in PAGES:
        tab.goto(live_server.url + path)
        found[path] = problems(tab)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Отправить обращение").click()  # empty: refused
    assert tab.locator("#feedback-form-errors").is_visible()
    found["/reshaem-vmeste/ refused"] = problems(tab)
    assert {path: found_here for path, found_here in found.items() if found_here} == {}
    reset_rate_limit()
