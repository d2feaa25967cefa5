"""Where each provider's sign-in lives: the providers' own hosts, or what
SOCIAL_PROVIDER_ENDPOINTS names instead (the tests point them at a local stand-in server that
speaks the same protocol)."""

from urllib.parse import urlsplit

from django.conf import settings

# provider id → {"authorize": the page the reader's browser is sent to,
#                "token": the code-for-token exchange, "profile": who the reader is}
DEFAULT_ENDPOINTS = {
    "vk": {
        "authorize": "https://id.vk.ru/authorize",
        "token": "https://id.vk.ru/oauth2/auth",
        "profile": "https://id.vk.ru/oauth2/user_info",
    },
    "yandex": {
        "authorize": "https://oauth.yandex.ru/authorize",
        "token": "https://oauth.yandex.ru/token",
        "profile": "https://login.yandex.ru/info",
    },
    "odnoklassniki": {
        "authorize": "https://connect.ok.ru/oauth/authorize",
        "token": "https://api.ok.ru/oauth/token.do",
        "profile": "https://api.ok.ru/fb.do",
    },
    "mailru": {
        "authorize": "https://oauth.mail.ru/login",
        "token": "https://oauth.mail.ru/token",
        "profile": "https://oauth.mail.ru/userinfo",
    },
    "telegram": {
        "authorize": "https://oauth.telegram.org/auth",
    },
}


def endpoint(provider_id, name):
    overrides = getattr(settings, "SOCIAL_PROVIDER_ENDPOINTS", {}).get(provider_id, {})
    return overrides.get(name) or DEFAULT_ENDPOINTS[provider_id][name]


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def sign_in_origins(provider_ids):
    """The origins a sign-in form may be sent on to (the pages' CSP form-action)."""
    return {origin(endpoint(provider_id, "authorize")) for provider_id in provider_ids}
