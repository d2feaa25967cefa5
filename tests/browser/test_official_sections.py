"""axe-core finds no WCAG 2.1 A/AA violation on «Сведения об организации», its document list
and the footer with the НОК and founder links, on a phone and a desktop; the page asks no
other host for anything."""

from urllib.parse import urlsplit

import pytest

from tooling.chromium import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/svedeniya-ob-organizacii/",
    "/svedeniya-ob-organizacii/dokumenty/",
    "/svedeniya-ob-organizacii/rukovodstvo/",
]


@pytest.mark.parametrize("width", [360, 1280])
def test_the_section_its_documents_and_the_footer_have_no_violations(
    live_server, demo_site, open_page, screenshot, width
):
    tab = open_page(width=width)
    asked = []
    tab.on("request", lambda request: asked.append(request.url))
    found = {}
    for path in PAGES:
        tab.goto(live_server.url + path)
        if problems := run_axe(tab):
            found[path] = problems
    tab.goto(live_server.url + PAGES[1])
    screenshot(tab, f"official-documents-{width}")

    assert found == {}
    footer = tab.locator("footer")
    assert footer.get_by_role("link", name="Оценить качество услуг").is_visible()
    assert footer.get_by_role(
        "link", name="Министерство культуры и национальной политики Кузбасса"
    ).is_visible()
    link = tab.get_by_role("link", name="Устав (PDF,")
    assert link.count() == 1
    own = urlsplit(live_server.url).netloc
    assert {urlsplit(url).netloc for url in asked} == {own}
