"""Telegram's callback: allauth's flow, with the signed data checked by .signed_data, so
that whatever a browser posts gets allauth's authentication error page (allauth's own view
raises on a missing or non-numeric auth_date)."""

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import complete_social_login, render_authentication_error
from allauth.socialaccount.providers.telegram.views import LoginView

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from . import signed_data
from .provider import AUTH_DATE_CLOCK_SKEW, ReaderTelegramProvider

login = LoginView.as_view()


@method_decorator(csrf_exempt, name="dispatch")  # the state in the session guards it
@method_decorator(login_not_required, name="dispatch")
class CallbackView(View):
    def get(self, request):
        """Telegram returns the signed data in the address's #fragment, which only a script
        in the page can read and post back here."""
        return render(request, "telegram/callback.html")

    def post(self, request):
        provider = get_adapter().get_provider(request, ReaderTelegramProvider.id)
        state_id = request.GET.get("state", "")
        try:
            data = signed_data.verified(
                signed_data.decode(request.POST.get("tgAuthResult")),
                bot_token=provider.app.secret,
                validity=provider.get_auth_date_validity(),
                skew=AUTH_DATE_CLOCK_SKEW,
            )
            state = provider.unstash_redirect_state(request, state_id)
        except (signed_data.Refused, PermissionDenied) as error:
            return render_authentication_error(
                request, provider, exception=error, extra_context={"state_id": state_id}
            )
        sociallogin = provider.sociallogin_from_response(request, data)
        sociallogin.state = state
        return complete_social_login(request, sociallogin)


callback = CallbackView.as_view()
