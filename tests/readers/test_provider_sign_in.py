"""Each provider signs a new reader in end to end against the stand-in, over real HTTP:
the site's redirect, the provider's answer, the code exchange and the profile call, each
checked by the stand-in as the real provider checks it."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

from django.contrib.auth import get_user_model
from django.core import mail

from tests.readers.flows import back_at_site, sign_in, signed_in_user_id, start
from tests.readers.provider_stand_in import ok_signature, s256

pytestmark = pytest.mark.django_db


@pytest.fixture
def stand_in(providers):
    providers.consent = "allow"
    return providers


def reader(email):
    return get_user_model().objects.get(email=email)


def confirm_by_mail(client):
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    client.post(link)


def test_yandex_signs_a_new_reader_in_with_the_verified_email(client, stand_in):
    response = sign_in(client, "yandex", next="/news/")
    assert response.status_code == 302 and response["Location"] == "/news/"
    user = reader("anna.smirnova@yandex.ru")
    assert signed_in_user_id(client) == str(user.pk)
    # The reader's own name, in their own letters: shown under their comments.
    assert (user.first_name, user.last_name, user.username) == ("Анна", "Смирнова", "Анна_Смирнова")
    # allauth's welcome names the reader as their comments do, not by the username.
    assert "под именем Анна Смирнова" in client.get("/news/").content.decode()
    assert SocialAccount.objects.get(user=user).uid == "2002"
    assert not SocialToken.objects.exists()  # SOCIALACCOUNT_STORE_TOKENS = False
    (authorize,) = stand_in.requests_to("yandex", "authorize")
    assert set(authorize.params["scope"].split()) == {"login:info", "login:email"}
    (profile,) = stand_in.requests_to("yandex", "profile")
    assert profile.headers["Authorization"].startswith("OAuth ")


def test_vk_id_signs_a_new_reader_in_with_pkce_and_device_id(client, stand_in):
    authorize_url = start(client, "vk")
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["code_challenge_method"] == ["S256"] and query["scope"] == ["email"]
    assert authorize_url.startswith(stand_in.url + "/vk/authorize?")

    sign_in(client, "vk")
    # VK ID's e-mail is not vouched for: the reader confirms it before being signed in.
    assert signed_in_user_id(client) is None
    user = reader("ivan.petrov@vk.example")
    assert user.username == "Иван_Петров"
    assert mail.outbox[-1].to == ["ivan.petrov@vk.example"]
    confirm_by_mail(client)
    assert EmailAddress.objects.get(user=user).verified
    sign_in(client, "vk")
    assert signed_in_user_id(client) == str(user.pk)

    token = stand_in.requests_to("vk", "token")[-1]
    assert (
        s256(token.params["code_verifier"])
        == stand_in.requests_to("vk", "authorize")[-1].params["code_challenge"]
    )
    assert token.params["device_id"]
    (profile, *_) = stand_in.requests_to("vk", "profile")
    assert profile.method == "POST" and profile.params["client_id"] == "51234567"


def test_odnoklassniki_signs_a_new_reader_in_with_the_signed_api_call(client, stand_in):
    sign_in(client, "odnoklassniki")
    user = reader("olga.k@ok.example")
    assert SocialAccount.objects.get(user=user, provider="odnoklassniki").uid == "3003"
    (authorize,) = stand_in.requests_to("odnoklassniki", "authorize")
    assert authorize.params["client_id"] == "512000111"
    (call,) = stand_in.requests_to("odnoklassniki", "profile")
    assert call.params["application_key"] == "CBAOKPUBLICKEY"
    assert call.params["sig"] == ok_signature(call.params, "ok-secret-key")
    confirm_by_mail(client)
    sign_in(client, "odnoklassniki")
    assert signed_in_user_id(client) == str(user.pk)


def test_odnoklassniki_without_the_public_key_is_an_error_page_not_a_500(client, stand_in):

    SocialApp.objects.filter(provider="odnoklassniki").update(key="")
    response = sign_in(client, "odnoklassniki")
    assert response.status_code == 401
    assert "Войти не удалось" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_mailru_signs_a_new_reader_in_through_oauth_mail_ru(client, stand_in):
    response = sign_in(client, "mailru", next="/news/")
    assert response["Location"] == "/news/"
    user = reader("pavel.orlov@mail.ru")
    assert signed_in_user_id(client) == str(user.pk)  # a mail.ru mailbox: proved by the sign-in
    assert user.get_full_name() == "Павел Орлов"
    (authorize,) = stand_in.requests_to("mailru", "authorize")
    assert authorize.params["scope"] == "userinfo"
    (token,) = stand_in.requests_to("mailru", "token")
    assert token.params["client_secret"] == "mailru-secret"
    (userinfo,) = stand_in.requests_to("mailru", "profile")
    assert userinfo.method == "GET" and userinfo.params["access_token"]


def test_mailru_address_outside_mail_ru_is_confirmed_by_the_site(client, stand_in):
    stand_in.people["mailru"]["email"] = "pavel@gmail.example"
    sign_in(client, "mailru")
    assert signed_in_user_id(client) is None
    assert mail.outbox[-1].to == ["pavel@gmail.example"]


def test_telegram_signs_a_new_reader_in_after_they_give_and_confirm_an_email(client, stand_in):
    response = sign_in(client, "telegram", next="/news/")
    # Telegram gives no e-mail: allauth's social sign-up form asks for one.
    assert response.status_code == 302 and response["Location"] == "/accounts/3rdparty/signup/"
    form = client.get("/accounts/3rdparty/signup/").content.decode()
    assert "Последний шаг регистрации" in form and "Мария" in form
    response = client.post(
        "/accounts/3rdparty/signup/", {"email": "maria@example.org", "username": "Мария"}
    )
    assert response.status_code == 302
    user = reader("maria@example.org")
    assert SocialAccount.objects.get(user=user, provider="telegram").uid == "5005"
    assert signed_in_user_id(client) is None
    assert mail.outbox[-1].to == ["maria@example.org"]
    confirm_by_mail(client)
    sign_in(client, "telegram")
    assert signed_in_user_id(client) == str(user.pk)
    (auth, *_) = stand_in.requests_to("telegram", "authorize")
    assert auth.params["bot_id"] == "7012345678"


def test_a_second_reader_with_the_same_name_gets_a_name_of_their_own(client, stand_in):
    get_user_model().objects.create_user("Анна_Смирнова", "other@example.org", "пароль-1234")
    sign_in(client, "yandex")
    assert reader("anna.smirnova@yandex.ru").username == "Анна_Смирнова_2"


def test_a_reader_with_no_name_at_the_provider_is_a_reader(client, stand_in):
    stand_in.people["yandex"].update(first_name="", last_name="", display_name="")
    sign_in(client, "yandex")
    assert reader("anna.smirnova@yandex.ru").username == "читатель"


def test_telegram_is_not_asked_to_let_the_bot_write_to_the_reader(client, stand_in):
    url = start(client, "telegram")
    query = parse_qs(urlsplit(url).query)
    assert query["bot_id"] == ["7012345678"] and query["embed"] == ["0"]
    assert "request_access" not in query
    assert query["return_to"][0].startswith(
        "http://testserver/accounts/telegram/login/callback/?state="
    )


def test_the_stand_ins_consent_page_has_the_buttons_a_browser_clicks(client, providers):
    """consent None: the page a browser test sees; its «Разрешить» posts the decision."""
    url = start(client, "mailru")
    page = requests.get(url, timeout=10)
    assert page.status_code == 200
    assert "Разрешить</button>" in page.text and "Отказать</button>" in page.text
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text))
    fields = {name: html.unescape(value) for name, value in fields.items()}
    answer = requests.post(
        providers.url + action,
        data={**fields, "decision": "allow"},
        allow_redirects=False,
        timeout=10,
    )
    assert back_at_site(client, answer.headers["Location"]).status_code == 302
    assert signed_in_user_id(client)
