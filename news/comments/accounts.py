"""Reader accounts (django-allauth): its e-mails go through the site's mail rule, so a mail
server that is down never fails a sign-up or a password reset; the reader is told. Staff
accounts do not sign in here: they use the admin's own form (cms.signin)."""

from functools import partial

from allauth.account.internal.stagekit import clear_login
from allauth.core import context as allauth_context

from django.contrib import messages
from django.shortcuts import redirect

from cms.mail import send_or_warn
from cms.signin import ClientAddressAccountAdapter, may_use_admin

MAIL_NOT_SENT = (
    "Письмо не отправлено: почтовый сервер сейчас недоступен. "
    "Попробуйте запросить его ещё раз через несколько минут."
)


STAFF_SIGN_IN_ELSEWHERE = (
    "Эта учётная запись даёт доступ к управлению сайтом: войдите через форму входа "
    "сотрудников, /admin/login/."
)

NAME_MAX_LENGTH = 50  # the comment's user_name is at most this long


def public_name(user):
    """The name a signed-in reader's comments are signed with."""
    return (user.get_full_name() or user.get_username())[:NAME_MAX_LENGTH]


class ReaderAccountAdapter(ClientAddressAccountAdapter):
    """Keyed by the site's client address (cms.signin); mail through cms.mail."""

    def pre_login(self, request, user, **kwargs):
        """Every reader sign-in (the form, a confirmation link, a provider) ends here after
        the password or the provider has spoken: an account that may use the admin is
        turned away, without a session, so staff sign in only where the admin's own
        limits and lockout apply."""
        if may_use_admin(user):
            clear_login(request)
            messages.error(request, STAFF_SIGN_IN_ELSEWHERE)
            return redirect("account_login")
        return super().pre_login(request, user, **kwargs)

    def send_mail(self, template_prefix, email, context):
        send = partial(super().send_mail, template_prefix, email, context)
        if not send_or_warn(send, f"account mail {template_prefix}"):
            request = allauth_context.request
            if request is not None:
                messages.warning(request, MAIL_NOT_SENT)
