"""Pre-hijacking: someone signs in through their own provider account giving another
person's e-mail (typed into the sign-up form, or unconfirmed at the provider). The account
waits unconfirmed; the address's owner, told an account exists, resets its password and
uses it, while the stranger's provider still signs in to it. So when a password is reset
on an account whose address was never confirmed, the providers connected to it are
disconnected: nobody who connected them had proved the address. The reader connects their
own again from the account page."""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from django.contrib import messages

DISCONNECTED = (
    "Пароль изменён. Адрес почты этого аккаунта ещё не был подтверждён, поэтому "
    "подключённые к нему входы через соцсети отключены: если их подключали вы, "
    "подключите их снова на странице аккаунта."
)


def disconnect_after_reset(sender, request, user, **kwargs):
    if EmailAddress.objects.filter(user=user, verified=True).exists():
        return
    deleted, _ = SocialAccount.objects.filter(user=user).delete()
    if deleted and request is not None:
        messages.warning(request, DISCONNECTED)
