"""Mail.ru's current OAuth 2.0 (oauth.mail.ru): the reader is sent to /login, the code is
exchanged at /token with the application's id and secret, and /userinfo?access_token=…
answers who the reader is: {"id", "email", "name", "first_name", "last_name", "nickname",
"image", …}, or {"error": …, "error_description": …}. allauth's own mailru provider calls
the legacy connect.mail.ru and appsmail.ru API instead."""

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.base import ProviderException
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2Adapter,
    OAuth2CallbackView,
    OAuth2LoginView,
)

from readers.providers.endpoints import EndpointsFromSettings


class MailRuAdapter(EndpointsFromSettings, OAuth2Adapter):
    provider_id = "mailru"

    def complete_login(self, request, app, token, **kwargs):
        with get_adapter().get_requests_session() as session:
            response = session.get(self.profile_url, params={"access_token": token.token})
            response.raise_for_status()
            data = response.json()
        if not isinstance(data, dict) or "error" in data or not data.get("id"):
            raise ProviderException(f"Mail.ru userinfo: {data!r:.200}")
        return self.get_provider().sociallogin_from_response(request, data)


oauth2_login = OAuth2LoginView.adapter_view(MailRuAdapter)
oauth2_callback = OAuth2CallbackView.adapter_view(MailRuAdapter)
