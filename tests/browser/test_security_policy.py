"""The site and its admin work under their Content-Security-Policy and Permissions-Policy.

`open_page` fails a test on any violation (tests/browser/conftest.py); these tests go through
what runs scripts: the admin's editor and preview, the slider, the comment form's file
previews and geolocation, the version for the visually impaired, the Госуслуги widget.
"""

import pytest
from PIL import Image as PILImage

from wagtail.models import Site

from cms.models import SiteSettings
from news.models import NewsPage
from tests.browser.helpers import watch_policy_violations
from tooling.chromium import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_PATH = "/novosti/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"
SEED_TITLE = "Библиотека заключила новое соглашение о профессиональном сотрудничестве"


def policy_of(response):
    return response.header_value("content-security-policy")


def test_editor_edits_previews_and_publishes_a_page_under_the_policy(
    live_server, demo_site, open_page, policy_violations, screenshot, django_user_model
):
    django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", "parol-123")
    page = NewsPage.objects.get(
        url_path__endswith="/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"
    )
    tab = open_page(width=1400, height=1000)
    tab.goto(live_server.url + "/admin/login/")
    tab.locator("#id_username").fill("redaktor")
    tab.locator("#id_password").fill("parol-123")
    tab.locator("button[type=submit]").click()
    tab.wait_for_url("**/admin/")

    edit = tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    assert "script-src 'self' 'unsafe-inline'" in policy_of(edit)
    tab.locator("#id_title").fill("Соглашение с библиотеками Минска продлено")
    # A new paragraph in the rich-text editor (Draftail).
    tab.get_by_role("button", name="Вставить блок").first.click()
    tab.get_by_role("option", name="Текст").first.click()
    tab.locator(".public-DraftEditor-content").first.click()
    tab.keyboard.type("Соглашение продлено до 2030 года.")

    tab.get_by_role("button", name="Переключить предварительный просмотр").click()
    preview = tab.frame_locator("#w-preview-iframe")  # Wagtail swaps the iframe on each load
    preview.get_by_role("heading", name="Соглашение с библиотеками Минска продлено").wait_for()
    screenshot(tab, "csp-admin-preview")
    # The preview panel posts the form as it changes; publish once none of those is open (on
    # CI the publish once never reached the parent page: a write racing a preview's, maybe).
    tab.wait_for_load_state("networkidle")

    tab.get_by_role("button", name="Больше действий").click()
    tab.locator("button[name=action-publish]").click()
    tab.wait_for_url(f"**/admin/pages/{page.get_parent().pk}/", timeout=60_000)
    assert tab.get_by_text("опубликована").count()

    # The editor sees the published page with Wagtail's user bar, under readers' policy.
    live = tab.goto(live_server.url + page.get_parent().url + page.slug + "/")
    assert "'unsafe-inline'" not in policy_of(live)
    tab.locator("wagtail-userbar").wait_for(state="attached")
    tab.get_by_role("button", name="Просмотр быстрых действий").click()
    tab.get_by_role("menuitem").first.wait_for()

    reader = open_page()
    live = reader.goto(live_server.url + page.get_parent().url + page.slug + "/")
    assert "'unsafe-inline'" not in policy_of(live)
    assert reader.get_by_role("heading", level=1).inner_text() == (
        "Соглашение с библиотеками Минска продлено"
    )
    assert reader.get_by_text("Соглашение продлено до 2030 года.").is_visible()
    assert policy_violations == []


def test_readers_scripts_work_under_the_policy(
    live_server, demo_site, open_page, policy_violations, tmp_path
):
    tab = open_page()
    home = tab.goto(live_server.url + "/")
    assert "script-src 'self';" in policy_of(home) + ";"
    assert "geolocation=(self)" in home.header_value("permissions-policy")
    tab.get_by_role("button", name="Следующий слайд").click()
    assert tab.locator(".slider").get_attribute("data-current") == "1"

    tab.get_by_role("link", name="Версия для слабовидящих").click()
    tab.wait_for_selector("html.vision")
    tab.get_by_role("link", name="Обычная версия сайта").click()
    tab.wait_for_selector(".vision-switch")

    tab.context.grant_permissions(["geolocation"], origin=live_server.url)
    tab.context.set_geolocation({"latitude": 55.354968, "longitude": 86.087314})
    tab.goto(live_server.url + SEED_PATH)
    picture = tmp_path / "рисунок.png"
    PILImage.new("RGB", (120, 80), (40, 120, 200)).save(picture)
    tab.locator("input[name=attachments]").set_input_files(str(picture))
    tab.locator("[data-file-previews] img").wait_for()  # a data: URL, as img-src allows
    tab.get_by_role("button", name="Определить моё местоположение").click()
    wait_until(tab, "document.querySelector('input[name=latitude]').value !== ''")
    assert tab.locator("input[name=latitude]").input_value() == "55.35"

    tab.goto(live_server.url + "/biblioteki-partnyory/")
    tab.get_by_label("Страна").select_option("Беларусь")
    tab.get_by_role("button", name="Показать").click()
    tab.wait_for_url("**country=*")

    tab.get_by_role("searchbox", name="Поиск по сайту").fill("Минска")
    tab.get_by_role("searchbox", name="Поиск по сайту").press("Enter")
    tab.wait_for_url("**/search/?q=*")
    assert tab.locator("main").get_by_role("link", name=SEED_TITLE).is_visible()
    assert policy_violations == []


# Stand-ins for Госуслуги's widget: the script draws into the wrapper with a style element
# and opens the form in an iframe, as the real one does.
POS_SCRIPT = """
window.Widget = function (url, id) {
    var style = document.createElement("style");
    style.textContent = "#js-show-iframe-wrapper iframe { width: 100%; }";
    document.head.appendChild(style);
    var frame = document.createElement("iframe");
    frame.src = url + "/?opaId=" + id;
    frame.title = "Обратная связь";
    document.getElementById("js-show-iframe-wrapper").appendChild(frame);
};
"""
POS_FORM = "<!DOCTYPE html><html lang=ru><title>ПОС</title><h1>Форма обратной связи</h1></html>"


def serve_pos_stand_in(route):
    if route.request.url.endswith("/bin/script.min.js"):
        route.fulfill(body=POS_SCRIPT, content_type="text/javascript; charset=utf-8")
    else:
        route.fulfill(body=POS_FORM, content_type="text/html; charset=utf-8")


def test_configured_pos_widget_works_from_a_cached_page_too(live_server, demo_site, browser):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.pos_widget_id = "123456"
    site_settings.save()
    violations = []
    context = browser.new_context(locale="ru-RU")
    watch_policy_violations(context, violations)
    context.route("https://pos.gosuslugi.ru/**", serve_pos_stand_in)
    tab = context.new_page()
    news_url = NewsPage.objects.live().first().url  # «Решаем вместе» after the comments
    for path in ("/", news_url):
        for expected_cache in ("miss", "hit"):
            response = tab.goto(live_server.url + path)
            assert response.header_value("x-page-cache") == expected_cache
            assert "https://pos.gosuslugi.ru" in policy_of(response)
            frame = tab.frame_locator("#js-show-iframe-wrapper iframe")
            frame.get_by_role("heading", name="Форма обратной связи").wait_for()
        assert tab.locator("#js-show-iframe-wrapper iframe").get_attribute("src") == (
            "https://pos.gosuslugi.ru/form/?opaId=123456"
        )
    context.close()
    assert violations == []
