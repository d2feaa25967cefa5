"""VK ID (id.vk.ru, OAuth 2.1): allauth's adapter already sends PKCE (S256), passes the
callback's device_id to the token exchange and asks user_info by POST; only the URLs move."""

from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.vk.views import VKOAuth2Adapter

from readers.providers.endpoints import EndpointsFromSettings


class ReaderVKAdapter(EndpointsFromSettings, VKOAuth2Adapter):
    pass


oauth2_login = OAuth2LoginView.adapter_view(ReaderVKAdapter)
oauth2_callback = OAuth2CallbackView.adapter_view(ReaderVKAdapter)
