"""A guest comments with two photos and a place; a moderator approves; readers see it."""

import pytest
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from news.comments.models import ReaderComment
from news.comments.moderation import MODERATORS_GROUP
from tooling.chromium import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_PATH = "/novosti/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"


@pytest.fixture(autouse=True)
def clear_rate_limit():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def photos(tmp_path):
    paths = []
    for number, colour in enumerate([(200, 60, 40), (40, 120, 200)], start=1):
        path = tmp_path / f"фото-{number}.jpg"
        PILImage.new("RGB", (900, 600), colour).save(path, "JPEG")
        paths.append(str(path))
    return paths


def test_guest_comment_with_photos_and_place_is_approved_and_shown(
    live_server, demo_site, open_page, screenshot, photos
):
    tab = open_page()
    tab.context.grant_permissions(["geolocation"])
    tab.context.set_geolocation({"latitude": 55.354968, "longitude": 86.087314})
    tab.goto(live_server.url + SEED_PATH)
    form = tab.locator("#comment-form")
    assert "Добавление комментария от гостя." in form.inner_text()

    tab.get_by_label("Имя").fill("Маша <b>Иванова</b>")
    tab.get_by_label("Электронная почта").fill("masha@example.org")
    tab.get_by_label("Комментарий").fill("Спасибо за новость! Прикладываю фото с выставки.")
    tab.locator("input[name=attachments]").set_input_files(photos)
    assert form.locator("legend", has_text="Вложения").inner_text() == "Вложения (2 / 3)"
    tab.get_by_role("button", name="Определить моё местоположение").click()
    wait_until(tab, "document.querySelector('input[name=latitude]').value !== ''")
    assert tab.locator("input[name=latitude]").input_value() == "55.35"
    tab.get_by_label("Место").fill("Кемерово")
    tab.locator("input[name=consent]").check()
    screenshot(tab, "comments-form-filled")
    tab.get_by_role("button", name="Отправить комментарий").click()
    tab.wait_for_url("**#comments")
    assert tab.get_by_role("status").filter(has_text="Комментарий отправлен на модерацию").count()
    assert "Спасибо за новость! Прикладываю" not in tab.locator("#comments").inner_text()
    screenshot(tab, "comments-moderation-notice")

    comment = ReaderComment.objects.get(user_email="masha@example.org")
    assert comment.attachments.count() == 2
    moderator = get_user_model().objects.create_user("moderator", "m@example.org", "пароль-123")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))

    admin = open_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.locator("input[name=username]").fill("moderator")
    admin.locator("input[name=password]").fill("пароль-123")
    admin.locator("button[type=submit]").click()
    admin.wait_for_url("**/admin/")
    assert admin.locator("[data-pending-comments]").inner_text() == "1"
    admin.goto(live_server.url + "/admin/comments/?status=pending")
    screenshot(admin, "comments-admin-queue")
    # The row opens the comment's moderation page; the keyboard approves (Russian layout:
    # the key is matched by its place, so «ф» is «a»), and the library answers from there.
    admin.get_by_role("link", name="Маша <b>Иванова</b>").click()
    admin.wait_for_url(f"**/admin/comments/inspect/{comment.pk}/")
    wait_until(
        admin,
        "[...document.querySelectorAll('[data-attachments] img')]"
        ".every(img => img.complete && img.naturalWidth > 0) "
        "&& document.querySelectorAll('[data-attachments] img').length === 2",
    )
    assert admin.locator("[data-moderation-keys]").is_visible()
    screenshot(admin, "comments-admin-moderation")
    admin.keyboard.press("KeyA")  # what «ф» sends in the Russian layout, and «a» in English
    admin.wait_for_selector("[data-comment-status]:has-text('Опубликован')")
    comment.refresh_from_db()
    assert comment.is_public
    admin.get_by_label("Ответ от библиотеки").fill("Спасибо, Маша! Ждём вас снова.")
    admin.get_by_role("button", name="Опубликовать ответ").click()
    admin.wait_for_selector("text=Ответ библиотеки опубликован")
    reply = ReaderComment.objects.get(is_official=True, parent_id=comment.pk)

    tab.goto(live_server.url + SEED_PATH)
    item = tab.locator(f"#c{comment.pk}")
    assert "Маша <b>Иванова</b>" in item.inner_text()
    assert item.locator(".comment__files img").count() == 2
    item.scroll_into_view_if_needed()
    wait_until(
        tab,
        f"[...document.querySelectorAll('#c{comment.pk} .comment__files img')]"
        ".every(img => img.complete && img.naturalWidth > 0)",
    )
    assert (
        item.get_by_role("link", name="Кемерово")
        .get_attribute("href")
        .startswith("https://www.openstreetmap.org/?mlat=55.35&mlon=86.09")
    )
    assert "masha@example.org" not in tab.content()
    answer = tab.locator(f"#c{reply.pk}")
    assert "Библиотека" in answer.inner_text() and "официальный ответ" in answer.inner_text()
    assert "Спасибо, Маша! Ждём вас снова." in answer.inner_text()
    screenshot(tab, "comments-approved")


def test_comment_form_works_without_javascript(live_server, demo_site, browser, screenshot):
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    tab = context.new_page()
    try:
        tab.goto(live_server.url + SEED_PATH)
        tab.get_by_label("Имя").fill("Без скриптов")
        tab.get_by_label("Электронная почта").fill("nojs@example.org")
        tab.get_by_role("button", name="Отправить комментарий").click()
        assert "Напишите текст комментария." in tab.locator("#comment-form").inner_text()
        assert tab.get_by_label("Имя").input_value() == "Без скриптов"
        screenshot(tab, "comments-nojs-errors")
        tab.get_by_label("Комментарий").fill("Отправлено без JavaScript")
        tab.locator("input[name=consent]").check()
        tab.get_by_role("button", name="Отправить комментарий").click()
        assert tab.get_by_text("Комментарий отправлен на модерацию").count()
        assert ReaderComment.objects.filter(comment="Отправлено без JavaScript").exists()
    finally:
        context.close()


def test_comments_fit_a_small_phone(live_server, demo_site, open_page, screenshot):
    tab = open_page(width=360)
    tab.goto(live_server.url + SEED_PATH + "?reply_to=1")
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the article with comments scrolls sideways by {overflow}px"
    tab.locator("#comments").scroll_into_view_if_needed()
    screenshot(tab, "comments-360")
