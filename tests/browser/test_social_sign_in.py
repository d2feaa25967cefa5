"""«Войти с помощью» in the browser, against the providers' stand-in (tests.readers): a reader
signs in with VK ID from a cached news page by keyboard, confirms the address, comments, finds
the comment on the account page, downloads their data and deletes the account; another signs
in with Telegram, whose answer comes back in the address's #fragment.

Chromium applies the page's form-action to the redirect that answers a button's POST: these
journeys pass only while the pages' policy names the providers' origins (readers.sign_in)."""

import json
import re

import pytest

from django.contrib.auth import get_user_model
from django.core import mail

from news.comments.models import ReaderComment
from tests.readers.conftest import provider_server, providers  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_PATH = "/novosti/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"


def confirm_address(tab, live_server):
    """Open the link of the last mail and confirm the address, as the reader would."""
    path = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    tab.goto(live_server.url + path)
    tab.get_by_role("button", name="Подтвердить").click()


def sign_in_at_provider(tab, label, stand_in):
    """Press the comment form's button for this provider, then «Разрешить» at the provider;
    back at the site when this returns."""
    tab.locator("#comment-form").get_by_role("button", name=f"Войти через {label}").click()
    tab.wait_for_url(f"{stand_in.url}/**")
    tab.get_by_role("button", name="Разрешить").click()
    tab.wait_for_url(lambda url: not url.startswith(stand_in.url))


def test_reader_signs_in_with_vk_id_comments_downloads_their_data_and_leaves(
    live_server,
    demo_site,
    open_page,
    screenshot,
    providers,  # noqa: F811
):
    tab = open_page(width=1280)
    tab.goto(live_server.url + SEED_PATH)
    response = tab.reload()  # the page cache's copy, with this reader's token put in
    assert response.header_value("x-page-cache") == "hit"
    assert tab.locator("header").get_by_role("link", name="Войти").count() == 1

    button = tab.get_by_role("button", name="Войти через VK ID")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    button.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"{providers.url}/vk/authorize?**")
    screenshot(tab, "social-vk-consent")
    tab.get_by_role("button", name="Разрешить").click()

    # VK ID does not vouch for the address: the reader confirms it first.
    tab.wait_for_url(lambda url: url.startswith(live_server.url))
    assert mail.outbox[-1].to == ["ivan.petrov@vk.example"]
    assert tab.locator("header").get_by_role("link", name="Войти").count() == 1
    confirm_address(tab, live_server)

    tab.goto(live_server.url + SEED_PATH)
    sign_in_at_provider(tab, "VK ID", providers)
    assert tab.url == live_server.url + SEED_PATH + "#comment-form"
    assert tab.locator("header").get_by_role("link", name="Иван Петров").count() == 1
    assert "Вы пишете как Иван Петров" in tab.locator("#comment-form").inner_text()
    token = providers.requests_to("vk", "token")[-1]
    assert token.params["code_verifier"] and token.params["device_id"]

    tab.get_by_label("Комментарий").fill("Спасибо, записался через VK ID!")
    tab.locator("input[name=consent]").check()
    tab.get_by_role("button", name="Отправить комментарий").click()
    tab.wait_for_url("**#comments")
    assert tab.get_by_role("status").filter(has_text="на модерацию").count()
    screenshot(tab, "social-vk-commented")

    tab.locator("header").get_by_role("link", name="Иван Петров").click()
    tab.wait_for_url("**/accounts/")
    comments = tab.locator("#account-comments").locator("..")
    assert "Спасибо, записался через VK ID!" in comments.inner_text()
    assert "на модерации" in comments.inner_text()
    assert "VK ID" in tab.locator("main").inner_text()
    screenshot(tab, "social-account-page")

    with tab.expect_download() as download:
        tab.get_by_role("link", name="Скачать мои данные").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert "Спасибо, записался через VK ID!" in json.dumps(data, ensure_ascii=False)

    tab.get_by_role("link", name="Удалить аккаунт").click()
    tab.locator("input[name=confirm]").check()
    tab.get_by_role("button", name="Удалить аккаунт навсегда").click()
    tab.wait_for_url(live_server.url + "/")
    assert tab.get_by_role("status").filter(has_text="Ваш аккаунт удалён").count()
    assert tab.locator("header").get_by_role("link", name="Войти").count() == 1
    assert not get_user_model().objects.filter(email="ivan.petrov@vk.example").exists()
    assert not ReaderComment.objects.filter(comment__startswith="Спасибо, записался").exists()


def test_reader_signs_in_with_telegram_and_gives_an_address(
    live_server,
    demo_site,
    open_page,
    screenshot,
    providers,  # noqa: F811
):
    tab = open_page(width=1280)
    tab.goto(live_server.url + SEED_PATH)
    sign_in_at_provider(tab, "Telegram", providers)

    # Telegram gives no e-mail: the reader types one and confirms it.
    assert "Последний шаг регистрации" in tab.locator("main").inner_text()
    tab.locator("input[name=email]").fill("telegram.reader@example.org")
    screenshot(tab, "social-telegram-address")
    tab.get_by_role("button", name="Продолжить").click()
    tab.wait_for_load_state()
    assert mail.outbox[-1].to == ["telegram.reader@example.org"]
    confirm_address(tab, live_server)

    tab.goto(live_server.url + SEED_PATH)
    sign_in_at_provider(tab, "Telegram", providers)
    assert tab.url == live_server.url + SEED_PATH + "#comment-form"
    reader = get_user_model().objects.get(email="telegram.reader@example.org")
    name = reader.get_full_name() or reader.get_username()
    assert tab.locator("header").get_by_role("link", name=name).count() == 1
    screenshot(tab, "social-telegram-signed-in")
