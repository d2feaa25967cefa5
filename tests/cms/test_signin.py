"""The admin's sign-in: locked after repeated failures (django-axes), closed to readers, and
allauth's limits keyed by the reader's own address behind the proxy."""

import base64

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt

from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

LOGIN = "/admin/login/"
LOCKED = "Слишком много неудачных попыток входа"
REFUSED = "нет доступа к управлению сайтом"


@pytest.fixture
def editor_account(django_user_model):
    user = django_user_model.objects.create_user(
        "redaktor", "redaktor@example.org", "верный-пароль"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def reader(django_user_model, name, verified):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "пароль-читателя")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_editor_signs_in_to_the_admin(client, editor_account):
    response = sign_in(client, "redaktor", "верный-пароль")
    assert response.status_code == 302
    assert signed_in_as(client) == str(editor_account.pk)


@pytest.mark.django_db
def test_after_the_failure_limit_even_the_right_password_is_refused_in_russian(
    client, editor_account, settings
):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(6):
        sign_in(client, "redaktor", "не-тот")
    response = sign_in(client, "redaktor", "верный-пароль")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert signed_in_as(client) is None


@pytest.mark.django_db
def test_a_lockout_holds_one_account_from_one_address_only(
    client, editor_account, django_user_model
):
    for _ in range(6):
        sign_in(client, "redaktor", "не-тот", address="203.0.113.7")
    # The attacker's address cannot lock the editor out from the library's own.
    assert sign_in(client, "redaktor", "верный-пароль", address="198.51.100.2").status_code == 302
    client.logout()
    # Nor another editor from the attacker's address.
    other = django_user_model.objects.create_superuser("glavred", "g@example.org", "пароль-2")
    assert sign_in(client, "glavred", "пароль-2", address="203.0.113.7").status_code == 302
    assert signed_in_as(client) == str(other.pk)


@pytest.mark.django_db
def test_the_lockout_follows_the_address_from_the_client_ip_header(
    client, editor_account, settings
):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for _ in range(6):
        client.post(
            LOGIN,
            {"username": "redaktor", "password": "не-тот"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_REAL_IP="203.0.113.7",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    response = client.post(
        LOGIN,
        {"username": "redaktor", "password": "верный-пароль"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_REAL_IP="198.51.100.2",
    )
    assert response.status_code == 302  # same proxy, another reader behind it


@pytest.mark.django_db
def test_an_administrator_unlocks_an_account(client, editor_account):
    for _ in range(6):
        sign_in(client, "redaktor", "не-тот")
    assert sign_in(client, "redaktor", "верный-пароль").status_code == 429
    call_command("axes_reset_username", "redaktor", verbosity=0)
    assert sign_in(client, "redaktor", "верный-пароль").status_code == 302


@pytest.mark.django_db
def test_the_limit_and_cool_off_come_from_the_environment(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("ADMIN_LOGIN_FAILURE_LIMIT", "3")
    monkeypatch.setenv("ADMIN_LOGIN_COOLOFF_MINUTES", "90")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.AXES_FAILURE_LIMIT == 3
        assert reloaded.AXES_COOLOFF_TIME.total_seconds() == 90 * 60
    finally:
        monkeypatch.delenv("ADMIN_LOGIN_FAILURE_LIMIT")
        monkeypatch.delenv("ADMIN_LOGIN_COOLOFF_MINUTES")
        importlib.reload(base)


@pytest.mark.django_db
def test_reader_failures_are_left_to_allauth(client, django_user_model):
    reader(django_user_model, "chitatel", verified=True)
    for _ in range(3):
        client.post("/accounts/login/", {"login": "chitatel@example.org", "password": "не-тот"})
    assert not AccessAttempt.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("verified", [True, False])
def test_a_reader_cannot_sign_in_to_the_admin(client, django_user_model, verified):
    reader(django_user_model, "chitatel", verified=verified)
    for login in ("chitatel@example.org", "chitatel"):
        response = sign_in(client, login, "пароль-читателя")
        assert response.status_code == 200
        assert REFUSED in response.content.decode()
        assert signed_in_as(client) is None
        assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_a_wrong_password_and_a_reader_get_the_same_answer(client, django_user_model):
    """Otherwise the admin's form would tell a guesser that a reader's password is right."""
    reader(django_user_model, "chitatel", verified=True)
    right = sign_in(client, "chitatel@example.org", "пароль-читателя").context["form"].errors
    wrong = sign_in(client, "chitatel@example.org", "не-тот").context["form"].errors
    assert right == wrong


@pytest.mark.django_db
def test_an_inactive_editor_is_refused(client, editor_account):
    editor_account.is_active = False
    editor_account.save()
    response = sign_in(client, "redaktor", "верный-пароль")
    assert REFUSED in response.content.decode()
    assert signed_in_as(client) is None


@pytest.mark.django_db
def test_readers_behind_the_proxy_have_separate_sign_in_limits(client, django_user_model, settings):
    """allauth allows 10 failed sign-ins a minute per address; behind the proxy each reader's
    address comes from CLIENT_IP_HEADER, not the proxy's REMOTE_ADDR."""
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    reader(django_user_model, "chitatel", verified=True)

    def attempt(address, login="nobody@example.org"):
        return client.post(
            "/accounts/login/",
            {"login": login, "password": "не-тот"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_REAL_IP=address,
        )

    for number in range(10):
        attempt("203.0.113.7", login=f"guess{number}@example.org")
    assert "Слишком много неудачных попыток" in attempt("203.0.113.7").content.decode()
    answer = client.post(
        "/accounts/login/",
        {"login": "chitatel@example.org", "password": "пароль-читателя"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_REAL_IP="198.51.100.2",
    )
    assert answer.status_code == 302
    assert signed_in_as(client) is not None


@pytest.mark.django_db
def test_a_superuser_lifts_a_lock_in_the_admin(client, editor_account, django_user_model):
    for _ in range(6):
        sign_in(client, "redaktor", "не-тот")
    lock = AccessAttempt.objects.get(username="redaktor")

    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    listing = admin.get(reverse("sign_in_locks:index"))
    assert listing.status_code == 200
    assert "redaktor" in listing.content.decode() and "203.0.113.7" in listing.content.decode()
    delete_url = reverse("sign_in_locks:delete", args=[lock.pk])
    assert admin.post(delete_url).status_code == 302

    assert sign_in(client, "redaktor", "верный-пароль").status_code == 302


@pytest.mark.django_db
def test_only_superusers_see_the_locks(client, editor_account):
    for _ in range(6):
        sign_in(client, "redaktor", "не-тот", address="198.51.100.9")
    lock = AccessAttempt.objects.get()
    client.force_login(editor_account)
    assert client.get(reverse("sign_in_locks:index")).status_code in (302, 403)
    assert client.post(reverse("sign_in_locks:delete", args=[lock.pk])).status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=lock.pk).exists()
    assert client.get(reverse("sign_in_locks:add")).status_code in (302, 403)


@pytest.mark.django_db
def test_the_api_does_not_check_passwords(client, editor_account, home):
    """HTTP Basic on /api/v2/ would be a password oracle without any limit."""

    def pages_with(password):
        token = base64.b64encode(f"redaktor:{password}".encode()).decode()
        return client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Basic {token}")

    right, wrong = pages_with("верный-пароль"), pages_with("не-тот")
    assert right.status_code == wrong.status_code == 200
    assert right.json() == wrong.json()


@pytest.mark.django_db
def test_every_spelling_of_an_account_counts_towards_one_lock(client, editor_account):
    spellings = [
        "redaktor",
        "redaktor@example.org",
        "Redaktor@Example.ORG",
        " REDAKTOR@example.org ",
    ]
    for login in [*spellings, "redaktor"]:
        sign_in(client, login, "не-тот")
    assert sign_in(client, "Redaktor@example.org", "верный-пароль").status_code == 429
    assert sign_in(client, "redaktor", "верный-пароль").status_code == 429
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["redaktor"]
