"""The providers' stand-in (tests.readers.provider_stand_in), one server for the session,
and the social applications that point the site at it. Independent of the test client: a
browser test against a live server uses the same fixture."""

from dataclasses import replace

import pytest
from allauth.socialaccount.models import SocialApp

from django.contrib.sites.models import Site

from tests.readers.provider_stand_in import Client, ProviderStandIn

# The applications "registered" at each provider (Telegram: the bot's id and token).
CLIENTS = {
    "vk": Client("51234567", "vk-secret-key"),
    "yandex": Client("yandex-app-id", "yandex-secret"),
    "odnoklassniki": Client("512000111", "ok-secret-key", key="CBAOKPUBLICKEY"),
    "mailru": Client("mailru-app-id", "mailru-secret"),
    "telegram": Client("7012345678", "7012345678:AAH-bot-token-for-tests"),
}


@pytest.fixture(scope="session")
def provider_server():
    with ProviderStandIn() as server:
        yield server


@pytest.fixture
def providers(provider_server, settings, db):
    """Every provider switched on (a social application in the database, as an
    administrator enters it) and pointed at the stand-in; the stand-in forgets the last
    test's requests. Returns the stand-in."""
    provider_server.reset()
    settings.SOCIAL_PROVIDER_ENDPOINTS = provider_server.endpoints()
    site = Site.objects.get_current()
    for provider, client in CLIENTS.items():
        provider_server.clients[provider] = replace(client)  # a test may change its copy
        app = SocialApp.objects.create(
            provider=provider,
            name=f"Тест {provider}",
            client_id=client.client_id,
            secret=client.secret,
            key=client.key,
        )
        app.sites.add(site)
    return provider_server
