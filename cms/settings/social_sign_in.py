"""«Войти с помощью»: sign-in with VK ID, Яндекс ID, Одноклассники, Mail.ru and Telegram.

A provider is on when it has credentials: a social application in the admin («Настройки →
Вход через соцсети», stored in the database), or these environment variables, for
deployments that keep secrets out of the database. With neither, no button shows.
"""

from .env import env_str

# Django apps that register the providers with allauth (its registry reads `<app>.provider`).
PROVIDER_APPS = [
    "allauth.socialaccount.providers.vk",
    "allauth.socialaccount.providers.yandex",
    "allauth.socialaccount.providers.odnoklassniki",
    "allauth.socialaccount.providers.telegram",
    # Mail.ru's current OAuth (oauth.mail.ru): the project's own provider. allauth's mailru
    # app (the legacy connect.mail.ru API) is not installed.
    "readers.providers.mailru",
]

# allauth's classes for these providers, pointed at readers.endpoints (the providers' hosts,
# or the tests' stand-in): allauth's registry loads the class a provider's settings name
# (allauth.socialaccount.providers.ProviderRegistry.load).
PROVIDER_CLASSES = {
    "vk": "readers.providers.vk.provider.ReaderVKProvider",
    "yandex": "readers.providers.yandex.provider.ReaderYandexProvider",
    "odnoklassniki": "readers.providers.odnoklassniki.provider.ReaderOdnoklassnikiProvider",
    "telegram": "readers.providers.telegram.provider.ReaderTelegramProvider",
}

# provider id → (environment prefix, the credential names it reads)
ENVIRONMENT = {
    "vk": ("SOCIAL_VK", ("CLIENT_ID", "SECRET")),
    "yandex": ("SOCIAL_YANDEX", ("CLIENT_ID", "SECRET")),
    "odnoklassniki": ("SOCIAL_OK", ("CLIENT_ID", "SECRET", "KEY")),
    "mailru": ("SOCIAL_MAILRU", ("CLIENT_ID", "SECRET")),
    "telegram": ("SOCIAL_TELEGRAM", ("CLIENT_ID", "SECRET")),
}


def providers_from_environment():
    """SOCIALACCOUNT_PROVIDERS: each provider's settings, with an APP built from its
    environment variables when all of them are set. An app in the environment wins over
    one for the same provider in the database (readers.social)."""
    providers = {}
    for provider_id, (prefix, names) in ENVIRONMENT.items():
        values = {name.lower(): env_str(f"{prefix}_{name}").strip() for name in names}
        config = {}
        if provider_id in PROVIDER_CLASSES:
            config["provider_class"] = PROVIDER_CLASSES[provider_id]
        if all(values.values()):
            config["APPS"] = [values]
        providers[provider_id] = config
    return providers
