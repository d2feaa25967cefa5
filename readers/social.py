"""How a sign-in through a provider becomes a reader's account (django-allauth's social
accounts): which app a provider uses, the new reader's name, and what is refused.

- An e-mail a provider gives never opens an existing account (SOCIALACCOUNT_EMAIL_
  AUTHENTICATION is off, and here the reader is told what to do instead): whoever controls a
  provider account with someone's address, verified there or not, does not get that
  person's account. The reader signs in to their account first and connects the provider
  from it.
- Accounts that may use the admin never sign in through a provider, and no provider is
  connected to them: staff sign in through the admin's own form only (cms.signin)."""

from allauth.account.models import EmailAddress
from allauth.account.utils import user_email, user_field, user_username
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.base import AuthProcess

from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from cms.signin import may_use_admin

from .usernames import unique_username, username_base

STAFF_REFUSED = (
    "Сотрудники библиотеки входят только через форму входа в управление сайтом "
    "(/admin/login/); вход и подключение через соцсети для их учётных записей закрыты."
)


class NoSuchApp(SocialApp.DoesNotExist, Http404):
    """A provider with no credentials: its addresses answer 404, not a server error."""


class ReaderSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        """One app per provider: the one from the environment (SOCIAL_<PROVIDER>_*) when
        there is one, else the first one entered in the admin. allauth would answer a server
        error when both are there, or two are entered."""
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        from_environment = [app for app in apps if app.pk is None]
        from_database = sorted((app for app in apps if app.pk is not None), key=lambda a: a.pk)
        chosen = {}
        for app in from_environment + from_database:
            chosen.setdefault(app.provider, app)
        return list(chosen.values())

    def get_app(self, request, provider, client_id=None):
        try:
            return super().get_app(request, provider, client_id=client_id)
        except SocialApp.DoesNotExist:
            raise NoSuchApp(provider) from None

    def populate_user(self, request, sociallogin, data):
        """The provider's first and last name are kept (they are the name shown under the
        reader's comments; the account page changes them), and the username is made from
        them in the reader's own letters."""
        user = super().populate_user(request, sociallogin, data)
        base = username_base(
            f"{user_field(user, 'first_name') or ''} {user_field(user, 'last_name') or ''}",
            user_username(user),
        )
        user_username(user, unique_username(base))
        return user

    def pre_social_login(self, request, sociallogin):
        process = sociallogin.state.get("process")
        if request.user.is_authenticated and process == AuthProcess.CONNECT:
            if may_use_admin(request.user):
                raise ImmediateHttpResponse(refused(request, sociallogin))
        if sociallogin.is_existing:
            if may_use_admin(sociallogin.user):
                raise ImmediateHttpResponse(refused(request, sociallogin))
            return
        if process == AuthProcess.CONNECT:
            return
        email = taken_email(sociallogin)
        if email:
            raise ImmediateHttpResponse(email_taken(request, sociallogin, email))


def taken_email(sociallogin):
    """An address of the sign-in that an account has, in any case: allauth's own lookup
    expects the lower case it stores, and an account made in the admin may differ."""
    emails = [address.email for address in sociallogin.email_addresses]
    emails.append(user_email(sociallogin.user) or "")
    for email in filter(None, emails):
        if (
            get_user_model()._default_manager.filter(email__iexact=email).exists()
            or EmailAddress.objects.filter(email__iexact=email).exists()
        ):
            return email
    return None


def refused(request, sociallogin):
    context = {"auth_error": {"provider": sociallogin.provider}, "refusal": STAFF_REFUSED}
    return render(request, "socialaccount/authentication_error.html", context, status=403)


def email_taken(request, sociallogin, email):
    """The reader is told the account exists and offered one way on: sign in to it, then
    the provider is run again to connect it, and the reader returns where they were."""
    provider = sociallogin.provider
    back = sociallogin.state.get("next") or reverse("reader_account")
    connect = provider.get_login_url(request, process=AuthProcess.CONNECT, next=back)
    sign_in = f"{reverse('account_login')}?{urlencode({'next': connect})}"
    context = {"provider": provider, "email": email, "sign_in_url": sign_in}
    return render(request, "readers/social_email_taken.html", context)
