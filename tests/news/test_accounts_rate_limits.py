"""allauth's rate limits on the production cache: they hold while Redis is up and let readers
through (not 429) while it is unreachable."""

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth import get_user_model

from cms.settings.caches import redis_caches
from tests.redis_stand_in import free_port, redis_server

pytestmark = pytest.mark.django_db

PASSWORD = "Книги-и-чай-2026"


@pytest.fixture
def reader(db):
    user = get_user_model().objects.create_user("Анна", "reader@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(client, password):
    return client.post("/accounts/login/", {"login": "reader@example.org", "password": password})


def test_with_redis_up_the_sixth_wrong_password_locks_the_account_for_a_while(
    client, reader, settings
):
    with redis_server() as url:
        settings.CACHES = redis_caches(url)
        for _ in range(5):
            assert "неверны" in sign_in(client, "не тот").content.decode()
        html = sign_in(client, PASSWORD).content.decode()
    assert "Слишком много неудачных попыток входа" in html
    assert "_auth_user_id" not in client.session


def test_with_redis_unreachable_readers_sign_up_sign_in_and_reset_passwords(
    client, reader, settings
):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    for _ in range(12):  # more than the limits allow, were they counted
        assert sign_in(client, "не тот").status_code == 200
    response = sign_in(client, PASSWORD)
    assert (response.status_code, response.url) == (302, "/")
    client.logout()
    for number in range(3):
        response = client.post(
            "/accounts/signup/",
            {
                "email": f"new{number}@example.org",
                "username": f"Читатель{number}",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status_code == 302
        client.logout()
    for _ in range(6):
        response = client.post("/accounts/password/reset/", {"email": reader.email})
        assert response.status_code == 302
