"""Switching providers on for the tests of where the «Войти с помощью» buttons show."""

import re

from allauth.socialaccount.models import SocialApp

from django.contrib.sites.models import Site

# The applications as an administrator would enter them (Telegram: the bot's id and token).
CREDENTIALS = {
    "vk": {"client_id": "51234567", "secret": "vk-secret"},
    "yandex": {"client_id": "yandex-app", "secret": "yandex-secret"},
    "odnoklassniki": {"client_id": "512000111", "secret": "ok-secret", "key": "CBAOKKEY"},
    "mailru": {"client_id": "mailru-app", "secret": "mailru-secret"},
    "telegram": {"client_id": "7012345678", "secret": "7012345678:AAH-token"},
}
LABELS = {
    "vk": "VK ID",
    "yandex": "Яндекс ID",
    "odnoklassniki": "Одноклассники",
    "mailru": "Mail.ru",
    "telegram": "Telegram",
}
PROVIDER_HOSTS = re.compile(
    r'(?:src|href|action)="[^"]*(?:vk\.com|vk\.ru|yandex\.|ok\.ru|mail\.ru|telegram\.org|t\.me)',
    re.IGNORECASE,
)
BUTTON = re.compile(r'<form method="post" action="(/accounts/(\w+)/login/[^"]*)">')


def from_environment_only(settings, *provider_ids):
    """SOCIALACCOUNT_PROVIDERS with an application (as the environment gives it) for these
    providers and for no other, whatever the machine's environment says."""
    providers = {}
    for provider_id, config in settings.SOCIALACCOUNT_PROVIDERS.items():
        config = {key: value for key, value in config.items() if key != "APPS"}
        if provider_id in provider_ids:
            config["APPS"] = [dict(CREDENTIALS[provider_id])]
        providers[provider_id] = config
    settings.SOCIALACCOUNT_PROVIDERS = providers


def add_app(provider_id, site=None):
    """A social application in the database, on the current site, as the admin saves it."""
    app = SocialApp.objects.create(
        provider=provider_id, name=f"Вход {provider_id}", **CREDENTIALS[provider_id]
    )
    app.sites.add(site or Site.objects.get_current())
    return app


def buttons(html):
    """[(provider id, the form's action)] of the page's «Войти с помощью» buttons."""
    return [
        (provider_id, action.replace("&amp;", "&")) for action, provider_id in BUTTON.findall(html)
    ]


def form_action(response):
    """The sources of the response's form-action directive, in whatever order the header has."""
    policy = response["Content-Security-Policy"]
    directive = next(d for d in policy.split(";") if d.split()[0] == "form-action")
    return directive.split()[1:]
