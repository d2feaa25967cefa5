"""Яндекс ID: allauth's adapter (login.yandex.ru/info with «Authorization: OAuth <token>»),
its URLs from readers.endpoints (allauth's own sends readers to oauth.yandex.com)."""

from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.yandex.views import YandexOAuth2Adapter

from readers.providers.endpoints import EndpointsFromSettings


class ReaderYandexAdapter(EndpointsFromSettings, YandexOAuth2Adapter):
    pass


oauth2_login = OAuth2LoginView.adapter_view(ReaderYandexAdapter)
oauth2_callback = OAuth2CallbackView.adapter_view(ReaderYandexAdapter)
