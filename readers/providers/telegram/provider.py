from urllib.parse import urlencode

from allauth.socialaccount.providers.telegram.provider import TelegramProvider

from django.http import HttpResponseRedirect
from django.urls import reverse

from readers.endpoints import endpoint

# How old Telegram's signed answer may be when it reaches the callback, in seconds. The
# reader's browser brings it back within seconds of «Принять»; five minutes leave room for
# a slow connection and a server clock a little off, while an answer left in a shared
# computer's browser history (it travels in the address's #fragment) is refused soon after.
# allauth's 30 s would fail readers whenever the clocks differ by half a minute; the day
# some sites allow would let that history sign someone else in all day.
AUTH_DATE_VALIDITY = 300
# A signed answer dated this far ahead of the server's clock is refused too.
AUTH_DATE_CLOCK_SKEW = 60


class ReaderTelegramProvider(TelegramProvider):
    """Telegram Login (oauth.telegram.org/auth with the bot's numeric id as client id and
    its token as secret), the redirect to readers.endpoints. Unlike allauth's, it does not
    ask the reader to let the bot write to them (request_access=write): the site never
    messages readers in Telegram."""

    def get_auth_date_validity(self):
        settings = self.get_settings().get("AUTH_PARAMS", {})
        validity = settings.get("auth_date_validity", AUTH_DATE_VALIDITY)
        return int(self.app.settings.get("auth_date_validity", validity))

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        state = self.stash_redirect_state(request, process, next_url, data, **kwargs)
        return_to = request.build_absolute_uri(
            f"{reverse('telegram_callback')}?{urlencode({'state': state})}"
        )
        query = urlencode(
            {
                "origin": request.build_absolute_uri("/"),
                "bot_id": self.app.client_id,
                "embed": "0",
                "return_to": return_to,
            }
        )
        return HttpResponseRedirect(f"{endpoint('telegram', 'authorize')}?{query}")
