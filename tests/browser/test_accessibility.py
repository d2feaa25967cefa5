"""axe-core finds no WCAG 2.1 A/AA violation on the reader's pages, on a phone and a desktop."""

import pytest

from tooling.chromium import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
    "/reshaem-vmeste/",
    "/soglasie-na-obrabotku-personalnyx-dannyx/",
    "/net-takoj-stranicy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]

# The visually-impaired schemes, on the phone width, over one page of each kind; the news page
# carries the demo comment thread (a reply, a photo) and the comment form.
SCHEME_PAGES = [PAGES[0], PAGES[1], PAGES[3], PAGES[5], PAGES[9], PAGES[13], PAGES[14]]


def assert_no_violations(tab, base_url, paths):
    found = {}
    for path in paths:
        tab.goto(base_url + path)
        if problems := run_axe(tab):
            found[path] = problems
    assert found == {}


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_have_no_wcag_aa_violations(live_server, demo_site, open_page, width):
    assert_no_violations(open_page(width=width), live_server.url, PAGES)


@pytest.mark.parametrize("scheme", ["bw", "wb", "blue", "brown", "green"])
def test_visually_impaired_schemes_have_no_violations(live_server, demo_site, open_page, scheme):
    tab = open_page(width=360)
    tab.goto(f"{live_server.url}/vision/?enabled=1&scheme={scheme}&size=2&images=off&next=/")
    assert_no_violations(tab, live_server.url, SCHEME_PAGES)


FOCUSED_ELEMENT = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    return {label: el.getAttribute('aria-label') || el.textContent.trim(),
            outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px'};
}"""


def test_feedback_errors_and_thank_you_page_have_no_violations(live_server, demo_site, open_page):
    tab = open_page(width=360)
    tab.goto(live_server.url + "/reshaem-vmeste/")
    tab.get_by_role("button", name="Отправить обращение").click()  # empty: errors re-shown
    assert run_axe(tab) == []
    tab.get_by_label("Имя").fill("Анна")
    tab.get_by_label("Электронная почта").fill("anna@example.org")
    tab.get_by_label("Тема").select_option("Покупка билетов")
    tab.get_by_label("Сообщение").fill("Не могу купить билет по Пушкинской карте.")
    tab.get_by_role("checkbox").check()
    tab.get_by_role("button", name="Отправить обращение").click()
    assert "Обращение №" in tab.content()
    assert run_axe(tab) == []


def test_keyboard_reaches_the_slider_pause_with_visible_focus(live_server, demo_site, open_page):
    tab = open_page()
    tab.goto(live_server.url + "/")
    reached_pause = False
    for _ in range(40):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(FOCUSED_ELEMENT)
        assert focused["outline"], f"no visible focus on {focused['label']!r}"
        if focused["label"] == "Остановить прокрутку слайдов":
            reached_pause = True
            break
    assert reached_pause
    tab.keyboard.press("Enter")
    assert tab.evaluate(FOCUSED_ELEMENT)["label"] == "Запустить прокрутку слайдов"
