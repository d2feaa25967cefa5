"""What a provider sign-in must refuse: a denied consent, Telegram data that is tampered,
stale or hostile, a provider with no credentials; never a 500, never an account."""

import base64
import json
import re
import time

import pytest
from allauth.socialaccount.models import SocialAccount, SocialApp

from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site

from tests.readers.conftest import CLIENTS
from tests.readers.flows import (
    at_provider,
    back_at_site,
    follow,
    local,
    sign_in,
    signed_in_user_id,
    start,
)
from tests.readers.provider_stand_in import telegram_hash, telegram_result

pytestmark = pytest.mark.django_db
BOT_TOKEN = CLIENTS["telegram"].secret


@pytest.mark.parametrize("provider", ["vk", "yandex", "odnoklassniki", "mailru"])
def test_consent_denied_at_the_provider_is_a_russian_cancelled_page(client, providers, provider):
    providers.consent = "deny"
    response = follow(client, sign_in(client, provider))
    assert response.status_code == 200
    assert "Вход отменён" in response.content.decode()
    assert not get_user_model().objects.exists()
    assert not providers.requests_to(provider, "token")


def telegram_callback(client, providers):
    """The site's callback address with a state it stashed, as Telegram would return to."""
    return at_provider(start(client, "telegram")).partition("#")[0]


def post_result(client, callback, result):
    client.get(local(callback))
    return client.post(local(callback), {"tgAuthResult": result})


def encoded(data):
    return base64.b64encode(json.dumps(data).encode()).decode()


def signed(**fields):
    return {**fields, "hash": telegram_hash(fields, BOT_TOKEN)}


def assert_refused(response):
    assert response.status_code == 401
    assert "Войти не удалось" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_a_tampered_telegram_hash_is_refused(client, providers):
    providers.consent = "allow"
    callback = telegram_callback(client, providers)
    good = json.loads(base64.urlsafe_b64decode(telegram_result({"id": 5005}, BOT_TOKEN) + "=="))
    assert_refused(post_result(client, callback, encoded({**good, "id": 1})))


def test_telegram_data_signed_with_another_bot_token_is_refused(client, providers):
    providers.consent = "allow"
    callback = telegram_callback(client, providers)
    assert_refused(post_result(client, callback, telegram_result({"id": 1}, "другой:токен")))


def test_a_stale_telegram_auth_date_is_refused(client, providers):
    providers.consent = "allow"
    providers.telegram_auth_date = int(time.time()) - 301
    assert_refused(back_at_site(client, at_provider(start(client, "telegram"))))


def test_a_telegram_auth_date_from_the_future_is_refused(client, providers):
    providers.consent = "allow"
    providers.telegram_auth_date = int(time.time()) + 600
    assert_refused(back_at_site(client, at_provider(start(client, "telegram"))))


def test_a_telegram_answer_a_few_minutes_old_is_accepted(client, providers):
    providers.consent = "allow"
    providers.telegram_auth_date = int(time.time()) - 200
    response = back_at_site(client, at_provider(start(client, "telegram")))
    assert response.status_code == 302 and "signup" in response["Location"]


NOW = int(time.time())
HOSTILE = {
    "nothing": None,
    "empty": "",
    "not base64": "!!!не base64!!!",
    "not JSON": base64.b64encode(b"\xff\xfe not json").decode(),
    "a list": encoded([1, 2, 3]),
    "a string": encoded("hash"),
    "declined (false)": "false",
    "no hash": encoded({"id": 1, "auth_date": NOW}),
    "a numeric hash": encoded({"id": 1, "auth_date": NOW, "hash": 12345}),
    "a non-ASCII hash": encoded({"id": 1, "auth_date": NOW, "hash": "хэш"}),
    "no auth_date, signed": encoded(signed(id=1)),
    "a word for auth_date, signed": encoded(signed(id=1, auth_date="вчера")),
    "a float auth_date, signed": encoded(signed(id=1, auth_date=1.5)),
    "a list auth_date, signed": encoded(signed(id=1, auth_date=[NOW])),
    "no id, signed": encoded(signed(first_name="Без id", auth_date=NOW)),
    "an object id, signed": encoded(signed(id={"a": 1}, auth_date=NOW)),
    "huge": "A" * 100_000,
}


@pytest.mark.parametrize("result", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_telegram_data_gets_the_error_page_never_a_500(client, providers, result):
    providers.consent = "allow"
    callback = telegram_callback(client, providers)
    client.get(local(callback))
    data = {} if result is None else {"tgAuthResult": result}
    assert_refused(client.post(local(callback), data))


def test_good_telegram_data_without_the_sites_state_is_refused(client, providers):
    providers.consent = "allow"
    result = telegram_result({"id": 5005, "first_name": "Мария"}, BOT_TOKEN)
    client.get("/accounts/telegram/login/callback/?state=чужое")
    response = client.post(
        "/accounts/telegram/login/callback/?state=чужое", {"tgAuthResult": result}
    )
    assert_refused(response)
    assert not SocialAccount.objects.exists()


def test_a_provider_without_credentials_is_not_found_not_a_500(client, db):
    assert client.get("/accounts/vk/login/").status_code == 404
    assert client.post("/accounts/mailru/login/").status_code == 404
    assert client.get("/accounts/yandex/login/callback/?code=x&state=y").status_code == 404
    assert signed_in_user_id(client) is None


def test_telegrams_return_page_is_russian_runs_only_the_sites_script_and_explains_no_js(
    client, providers
):
    html = client.get("/accounts/telegram/login/callback/?state=x").content.decode()
    assert "Вход через Telegram" in html and "<noscript>" in html and "JavaScript" in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts and all(not body.strip() for _, body in scripts)  # no inline script
    assert any("/static/readers/telegram-callback.js" in attrs for attrs, _ in scripts)
    assert "telegram.org" not in html


def test_two_applications_for_one_provider_in_the_admin_are_not_a_500(client, providers):

    providers.consent = "allow"
    extra = SocialApp.objects.create(provider="yandex", name="Вторая", client_id="x", secret="y")
    extra.sites.add(Site.objects.get_current())
    response = sign_in(client, "yandex")
    assert response.status_code == 302
    assert providers.requests_to("yandex", "token")[-1].params["client_id"] == "yandex-app-id"
