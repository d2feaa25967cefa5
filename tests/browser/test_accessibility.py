"""axe-core finds no WCAG 2.1 A/AA violation on the reader's pages, on a phone and a desktop."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "/",
    "/novosti/",
    "/novosti/?tag=belarus",
    "/novosti/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/",
    "/o-biblioteke/",
    "/search/?q=библиотека",
    "/search/?q=астрофизика",
    "/biblioteki-partnyory/",
    "/biblioteki-partnyory/?country=Казахстан",
    "/biblioteki-partnyory/centralizovannaya-sistema-detskix-bibliotek-g-minska/",
    "/net-takoj-stranicy/",
]


def violations(tab):
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        f"{rule['id']} ({rule['impact']}): {[node['target'] for node in rule['nodes']]}"
        for rule in result["violations"]
    ]


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_have_no_wcag_aa_violations(live_server, demo_site, open_page, width):
    assert AXE.exists(), "run `make browser-tools` (npm ci) for axe-core"
    tab = open_page(width=width)
    found = {}
    for path in PAGES:
        tab.goto(live_server.url + path)
        if problems := violations(tab):
            found[path] = problems
    assert found == {}
