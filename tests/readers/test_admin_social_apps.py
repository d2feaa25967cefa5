"""«Настройки → Вход через соцсети»: a superuser switches a provider on in the Wagtail admin."""

import json

import pytest
from allauth.socialaccount.models import SocialApp

from django.contrib.auth.models import Group, Permission
from django.contrib.sites.models import Site

from tests.conftest import make_news
from tests.readers.sign_in_helpers import add_app, buttons

pytestmark = pytest.mark.django_db

ADD = "/admin/social_apps/new/"


def in_settings_menu(client):
    """The admin's sidebar (its menu is JSON in the page, non-ASCII escaped) lists the item."""
    sidebar = client.get("/admin/").content.decode()
    return json.dumps("Вход через соцсети")[1:-1] in sidebar


def test_a_superuser_adds_vk_and_its_button_appears(editor, client, news_index):
    article = make_news(news_index)
    assert in_settings_menu(editor)
    form = editor.get(ADD).content.decode()
    assert "://testserver/accounts/vk/login/callback/" in form  # to register at VK ID
    response = editor.post(
        ADD,
        {"provider": "vk", "name": "VK ID библиотеки", "client_id": " 51234567 ", "secret": "s3"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    app = SocialApp.objects.get()
    assert (app.provider, app.client_id, app.secret) == ("vk", "51234567", "s3")
    assert list(app.sites.all()) == [Site.objects.get_current()]

    editor.logout()
    for url in ("/accounts/login/", article.url):
        assert [p for p, _ in buttons(editor.get(url).content.decode())] == ["vk"], url


def test_the_secret_is_never_shown_back_and_a_blank_one_keeps_it(editor):
    app = add_app("vk")
    listing = editor.get("/admin/social_apps/").content.decode()
    assert app.name in listing and "VK ID" in listing and app.secret not in listing
    edit = editor.get(f"/admin/social_apps/edit/{app.pk}/").content.decode()
    assert app.secret not in edit
    response = editor.post(
        f"/admin/social_apps/edit/{app.pk}/",
        {"provider": "vk", "name": "Новое имя", "client_id": app.client_id, "secret": ""},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert (app.name, app.secret) == ("Новое имя", "vk-secret")


@pytest.mark.parametrize(
    "data, error",
    [
        (
            {"provider": "odnoklassniki", "client_id": "512000111", "secret": "s"},
            "Для Одноклассников нужен публичный ключ приложения",
        ),
        (
            {"provider": "telegram", "client_id": "@library_bot", "secret": "1:AA"},
            "ID бота — это число",
        ),
        (
            {"provider": "telegram", "client_id": "7012345678", "secret": "123:AAH"},
            "Этот токен выдан другому боту",
        ),
        ({"provider": "vk", "client_id": "51234567", "secret": ""}, "Введите защищённый ключ"),
        ({"provider": "facebook", "client_id": "1", "secret": "s"}, "Выберите корректный"),
    ],
)
def test_incomplete_credentials_are_refused_in_russian(editor, data, error):
    response = editor.post(ADD, {"name": "Приложение", **data})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not SocialApp.objects.exists()


def test_a_second_application_for_one_provider_is_refused(editor):
    add_app("yandex")
    response = editor.post(
        ADD, {"provider": "yandex", "name": "Ещё", "client_id": "y2", "secret": "s"}
    )
    assert "Вход через Яндекс ID уже настроен" in response.content.decode()
    assert SocialApp.objects.count() == 1


def test_editors_who_are_not_superusers_do_not_see_it(client, django_user_model):
    editors = Group.objects.create(name="Редакторы-тест")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("editor", "e@example.org", "x")
    user.groups.add(editors)
    client.force_login(user)
    assert not in_settings_menu(client)
    assert client.get(ADD).status_code in (302, 403)
    assert client.get("/admin/social_apps/").status_code in (302, 403)
