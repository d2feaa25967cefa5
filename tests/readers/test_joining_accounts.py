"""Accounts joined safely: a provider's e-mail never opens an existing account, the reader
connects the provider from inside it; staff never sign in through a provider or the
reader's form; readers stay pre-moderated."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp

from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from news.comments.models import ReaderComment
from tests.conftest import make_news
from tests.news.comments_helpers import comment_data
from tests.readers.flows import at_provider, back_at_site, follow, local, sign_in, signed_in_user_id

pytestmark = pytest.mark.django_db
PASSWORD = "Книги-и-чай-2026"


@pytest.fixture
def stand_in(providers):
    providers.consent = "allow"
    return providers


def account(django_user_model, username, email, verified=True, staff=False):
    user = django_user_model.objects.create_user(username, email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    if staff:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.parametrize("provider", ["yandex", "vk", "mailru"])
def test_a_provider_email_of_an_existing_account_does_not_open_it(
    client, stand_in, django_user_model, provider
):
    email = {"yandex": "anna.smirnova@yandex.ru", "vk": "ivan.petrov@vk.example"}.get(
        provider, "pavel.orlov@mail.ru"
    )
    owner = account(django_user_model, "Хозяйка", email.upper())
    response = sign_in(client, provider)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Аккаунт с этим адресом уже есть" in html and "Войти и подключить" in html
    assert signed_in_user_id(client) is None
    assert not SocialAccount.objects.exists()
    assert django_user_model.objects.count() == 1
    assert owner.emailaddress_set.count() == 1


def test_the_owner_signs_in_and_the_provider_is_connected_and_they_return(
    client, stand_in, django_user_model
):
    owner = account(django_user_model, "Анна", "anna.smirnova@yandex.ru")
    html = sign_in(client, "yandex", next="/news/").content.decode()
    sign_in_url = html.split('class="button" href="')[1].split('"')[0].replace("&amp;", "&")
    next_url = parse_qs(urlsplit(sign_in_url).query)["next"][0]
    assert next_url.startswith("/accounts/yandex/login/?") and "process=connect" in next_url

    response = client.post(local(sign_in_url), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == next_url
    # allauth's «Продолжить» page for the GET; its form POSTs the same address.
    assert client.get(next_url).status_code == 200
    response = client.post(next_url)
    response = back_at_site(client, at_provider(response["Location"]))
    assert response.status_code == 302 and response["Location"] == "/news/"
    assert SocialAccount.objects.get(provider="yandex").user == owner
    client.post("/accounts/logout/")
    sign_in(client, "yandex")
    assert signed_in_user_id(client) == str(owner.pk)


def test_an_email_typed_for_telegram_that_belongs_to_an_account_does_not_open_it(
    client, stand_in, django_user_model
):
    owner = account(django_user_model, "Мария", "maria@example.org")
    sign_in(client, "telegram")
    response = client.post(
        "/accounts/3rdparty/signup/", {"email": "maria@example.org", "username": "Мария_2"}
    )
    assert response.status_code in (200, 302)
    assert signed_in_user_id(client) is None
    assert not SocialAccount.objects.filter(user=owner).exists()
    assert django_user_model.objects.count() == 1


def test_a_staff_account_is_not_signed_in_through_its_provider(client, stand_in, django_user_model):
    editor = account(django_user_model, "redaktor", "redaktor@example.org", staff=True)
    SocialAccount.objects.create(user=editor, provider="yandex", uid="2002")
    response = sign_in(client, "yandex")
    assert response.status_code == 403
    assert "/admin/login/" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_a_staff_member_signed_in_to_the_admin_cannot_connect_a_provider(
    client, stand_in, django_user_model
):
    editor = account(django_user_model, "redaktor", "redaktor@example.org", staff=True)
    client.force_login(editor)
    response = client.post("/accounts/vk/login/", {"process": "connect"})
    response = back_at_site(client, at_provider(response["Location"]))
    assert response.status_code == 403
    assert not SocialAccount.objects.exists()


def test_the_reader_sign_in_form_sends_staff_to_the_admins_own(client, db, django_user_model):
    account(django_user_model, "redaktor", "redaktor@example.org", staff=True)
    response = client.post(
        "/accounts/login/", {"login": "redaktor@example.org", "password": PASSWORD}
    )
    assert signed_in_user_id(client) is None
    assert "/admin/login/" in follow(client, response).content.decode()


def test_a_superuser_is_refused_by_the_reader_form_too(client, db, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    client.post("/accounts/login/", {"login": "root@example.org", "password": PASSWORD})
    assert signed_in_user_id(client) is None


def test_a_reader_signed_in_through_a_provider_is_pre_moderated(client, stand_in, news_index):
    article = make_news(news_index, title="Новость для читателей из соцсетей")
    sign_in(client, "yandex")
    html = client.get(article.url).content.decode()
    assert "Вы пишете как <strong>Анна Смирнова</strong>" in html
    client.post(article.url, comment_data(article))
    comment = ReaderComment.objects.get()
    assert comment.user_name == "Анна Смирнова" and comment.user.email == "anna.smirnova@yandex.ru"
    assert not comment.is_public


def test_an_app_in_the_environment_works_and_wins_over_one_in_the_database(
    client, stand_in, settings
):
    client_id, secret = "env-yandex-id", "env-yandex-secret"
    stand_in.clients["yandex"].client_id = client_id
    stand_in.clients["yandex"].secret = secret
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "yandex": {
            **settings.SOCIALACCOUNT_PROVIDERS["yandex"],
            "APPS": [{"client_id": client_id, "secret": secret}],
        },
    }
    assert SocialApp.objects.filter(provider="yandex").exists()  # the database's, too
    response = sign_in(client, "yandex")
    assert response.status_code == 302
    assert signed_in_user_id(client)
    assert stand_in.requests_to("yandex", "token")[-1].params["client_id"] == client_id


def test_an_app_only_in_the_environment_works(client, stand_in, settings):
    SocialApp.objects.filter(provider="mailru").delete()
    client_conf = stand_in.clients["mailru"]
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "mailru": {"APPS": [{"client_id": client_conf.client_id, "secret": client_conf.secret}]},
    }
    sign_in(client, "mailru")
    assert signed_in_user_id(client)


def test_a_password_reset_on_an_unconfirmed_account_disconnects_its_providers(
    client, stand_in, django_user_model
):
    """A stranger's Telegram gave the owner's address; the owner resets the password."""
    sign_in(client, "telegram")
    client.post("/accounts/3rdparty/signup/", {"email": "owner@example.org", "username": "Чужой"})
    assert SocialAccount.objects.filter(provider="telegram").exists()
    owner_browser = Client()
    owner_browser.post("/accounts/password/reset/", {"email": "owner@example.org"})
    reset_url = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    response = owner_browser.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    owner_browser.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
    assert django_user_model.objects.get(email="owner@example.org").check_password(PASSWORD)
    assert not SocialAccount.objects.exists()


def test_a_password_reset_on_a_confirmed_account_keeps_its_providers(
    client, stand_in, django_user_model
):
    sign_in(client, "yandex")  # Яндекс vouches for the address: confirmed
    client.post("/accounts/logout/")
    client.post("/accounts/password/reset/", {"email": "anna.smirnova@yandex.ru"})
    reset_url = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    client.post(form_url, {"password1": PASSWORD, "password2": PASSWORD})
    assert django_user_model.objects.get(email="anna.smirnova@yandex.ru").check_password(PASSWORD)
    assert SocialAccount.objects.filter(provider="yandex").exists()
