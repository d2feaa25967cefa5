"""Which «Войти с помощью» buttons a page shows: the configured providers, in the site's order.

A provider is configured when allauth finds an application for it: a social application on
this site in the database («Настройки → Вход через соцсети») or one built from the
environment (cms/settings/social_sign_in.py). With none, no button shows anywhere.
"""

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialAccount

from cms.invalidation import invalidate_now_and_on_commit
from readers.endpoints import sign_in_origins

# provider id → the service's name on its button
PROVIDERS = {
    "vk": "VK ID",
    "yandex": "Яндекс ID",
    "odnoklassniki": "Одноклассники",
    "mailru": "Mail.ru",
    "telegram": "Telegram",
}
REQUEST_ATTRIBUTE = "_readers_configured_providers"


def provider_name(provider_id):
    """The name the site gives a provider («VK ID», «Яндекс ID» …)."""
    return PROVIDERS.get(provider_id, provider_id)


def configured_providers(request):
    """The providers with an application, in PROVIDERS' order: one query per request."""
    providers = getattr(request, REQUEST_ATTRIBUTE, None)
    if providers is None:
        by_id = {}
        for provider in get_adapter().list_providers(request):
            by_id.setdefault(provider.id, provider)
        providers = [by_id[provider_id] for provider_id in PROVIDERS if provider_id in by_id]
        setattr(request, REQUEST_ATTRIBUTE, providers)
    return providers


def buttons(request, process="login", next_url=""):
    """[(provider id, name, the URL the button's form posts to), …]"""
    providers = configured_providers(request)
    if process == "connect" and request.user.is_authenticated:
        connected = set(
            SocialAccount.objects.filter(user=request.user).values_list("provider", flat=True)
        )
        providers = [provider for provider in providers if provider.id not in connected]
    params = {"process": process}
    if next_url:
        params["next"] = next_url
    return [
        (provider.id, PROVIDERS[provider.id], provider.get_login_url(request, **params))
        for provider in providers
    ]


def form_action_sources(request):
    """The Content-Security-Policy additions of a page with the buttons: the browser follows
    the form's redirect to the provider's authorize page only if form-action allows it."""
    origins = sign_in_origins(provider.id for provider in configured_providers(request))
    return {"form-action": sorted(origins)} if origins else {}


def sites_of_an_app_changed(sender, action, **kwargs):
    """m2m_changed of SocialApp.sites: an application moved to or from a site, so its button
    comes or goes on that site's cached pages."""
    if action.startswith("post_"):
        invalidate_now_and_on_commit()
