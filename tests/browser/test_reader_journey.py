"""A reader's first visit: home → menu → news index → the seed article → search."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_TITLE = "Библиотека заключила новое соглашение о профессиональном сотрудничестве"


@pytest.mark.parametrize("width", [360, 1280])
def test_reader_goes_from_home_to_the_seed_article_and_searches(
    live_server, demo_site, open_page, screenshot, width
):
    tab = open_page(width=width)
    tab.goto(live_server.url + "/")
    assert tab.locator("h2", has_text="Новости").first.is_visible()
    screenshot(tab, f"home-{width}")

    tab.get_by_role("navigation", name="Главное меню").get_by_role("link", name="Новости").click()
    tab.wait_for_url("**/novosti/")
    assert tab.get_by_role("heading", level=1).inner_text() == "Новости"
    assert tab.locator(".news-card").count() == 12
    screenshot(tab, f"news-index-{width}")

    tab.get_by_role("link", name=SEED_TITLE).click()
    tab.wait_for_url(
        "**/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"
    )
    assert tab.get_by_role("heading", level=1).inner_text() == SEED_TITLE
    assert "1 июня 2023" in tab.locator("time").first.inner_text()
    assert tab.locator("main img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(tab, f"seed-article-{width}")

    tab.get_by_role("searchbox", name="Поиск по сайту").fill("Минска")
    tab.get_by_role("searchbox", name="Поиск по сайту").press("Enter")
    tab.wait_for_url("**/search/?q=*")
    assert tab.get_by_role("link", name=SEED_TITLE).is_visible()
    screenshot(tab, f"search-{width}")


@pytest.mark.parametrize("vision", ["", "enabled=1&size=3&spacing=wide"])
def test_page_has_no_horizontal_scroll_on_a_small_phone(live_server, demo_site, open_page, vision):
    tab = open_page(width=360)
    if vision:  # the largest font of the visually-impaired version must fit too
        tab.goto(f"{live_server.url}/vision/?{vision}&next=/")
    for path in (
        "/",
        "/novosti/",
        "/o-biblioteke/",
        "/search/?q=библиотека",
        "/biblioteki-partnyory/",
    ):
        tab.goto(live_server.url + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


def test_skip_link_moves_focus_to_main(live_server, demo_site, open_page):
    tab = open_page()
    tab.goto(live_server.url + "/novosti/")
    tab.keyboard.press("Tab")
    skip = tab.get_by_role("link", name="Перейти к содержанию")
    assert skip.evaluate("el => el === document.activeElement")
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"
