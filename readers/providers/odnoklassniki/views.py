"""Одноклассники: allauth's adapter signs the users.getCurrentUser call to fb.do with the
application's public key (SocialApp.key) and md5, as OK prescribes; here on the current
hosts (connect.ok.ru, api.ok.ru), and an API error answered with status 200
({"error_code": …}) is an authentication error, not a reader without an id."""

from allauth.socialaccount.providers.base import ProviderException
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.odnoklassniki.views import OdnoklassnikiOAuth2Adapter

from readers.providers.endpoints import EndpointsFromSettings


class ReaderOdnoklassnikiAdapter(EndpointsFromSettings, OdnoklassnikiOAuth2Adapter):
    scope_delimiter = ";"  # OK's permissions list, e.g. VALUABLE_ACCESS;GET_EMAIL

    def complete_login(self, request, app, token, **kwargs):
        if not app.key:
            raise ProviderException("Одноклассники: не указан публичный ключ приложения")
        login = super().complete_login(request, app, token, **kwargs)
        if not login.account.uid:
            raise ProviderException("Одноклассники не сообщили, кто вошёл")
        return login


oauth2_login = OAuth2LoginView.adapter_view(ReaderOdnoklassnikiAdapter)
oauth2_callback = OAuth2CallbackView.adapter_view(ReaderOdnoklassnikiAdapter)
