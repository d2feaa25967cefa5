"""allauth's remaining social pages in Russian in the site's layout, and the
Content-Security-Policy that lets their forms go on to the providers."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount

from tests.conftest import make_news
from tests.readers.sign_in_helpers import add_app, buttons, form_action

pytestmark = pytest.mark.django_db

STAND_IN = "http://127.0.0.1:18299"


def test_form_action_names_the_configured_providers_on_pages_with_buttons_only(
    client, settings, news_index
):
    settings.SOCIAL_PROVIDER_ENDPOINTS = {"vk": {"authorize": f"{STAND_IN}/authorize"}}
    add_app("vk")
    add_app("yandex")
    article = make_news(news_index)
    for url in ("/accounts/login/", "/accounts/signup/", article.url, "/accounts/vk/login/"):
        assert form_action(client.get(url)) == ["'self'", STAND_IN, "https://oauth.yandex.ru"]
    assert form_action(client.get("/")) == ["'self'"]


def test_a_get_of_a_providers_address_asks_to_continue_and_keeps_where_to_return(
    client, settings, home
):
    settings.SOCIAL_PROVIDER_ENDPOINTS = {"vk": {"authorize": f"{STAND_IN}/authorize"}}
    add_app("vk")
    url = "/accounts/vk/login/?process=login&next=%2Fnovosti%2F%23comment-form"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<h1>Вход через VK ID</h1>" in html and ">Продолжить</button>" in html
    assert '<form class="account-form" method="post">' in html  # posts to this same address

    response = client.post(url)
    assert response.status_code == 302
    assert response.url.startswith(f"{STAND_IN}/authorize?") or "id.vk" in response.url
    state = parse_qs(urlsplit(response.url).query)["state"][0]
    stashed, _, _ = client.session["socialaccount_states"][state]
    assert stashed["next"] == "/novosti/#comment-form"  # where the callback returns the reader


@pytest.fixture
def reader(django_user_model):
    reader = django_user_model.objects.create_user("anna", "anna@example.org", "Книги-2026")
    reader.emailaddress_set.create(email="anna@example.org", verified=True, primary=True)
    SocialAccount.objects.create(user=reader, provider="vk", uid="1001", extra_data={})
    return reader


def test_connections_list_the_readers_providers_and_offer_the_others(client, reader):
    add_app("vk")
    add_app("yandex")
    client.force_login(reader)
    html = client.get("/accounts/3rdparty/").content.decode()
    assert "<h1>Вход через соцсети</h1>" in html
    assert "VK ID:" in html and ">Отключить</button>" in html
    assert [provider for provider, _ in buttons(html)] == ["yandex"]
    ((_, action),) = buttons(html)
    assert parse_qs(urlsplit(action).query)["process"] == ["connect"]
    assert "Подключить </span>Яндекс ID" in html

    account = reader.socialaccount_set.get()
    response = client.post("/accounts/3rdparty/", {"account": account.pk}, follow=True)
    assert "Сторонняя учетная запись была отключена." in response.content.decode()
    assert not reader.socialaccount_set.exists()


def test_the_last_way_in_is_not_disconnected_and_the_reader_is_told_why(client, reader):
    reader.set_unusable_password()
    reader.save()
    add_app("vk")
    client.force_login(reader)
    account = reader.socialaccount_set.get()
    html = client.post("/accounts/3rdparty/", {"account": account.pk}).content.decode()
    assert "Для вашего аккаунта не установлен пароль." in html
    assert 'role="alert"' in html
    assert reader.socialaccount_set.exists()
