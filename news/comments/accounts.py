"""Reader accounts (django-allauth): its e-mails go through the site's mail rule, so a mail
server that is down never fails a sign-up or a password reset; the reader is told."""

from functools import partial

from allauth.core import context as allauth_context

from django.contrib import messages

from cms.mail import send_or_warn
from cms.signin import ClientAddressAccountAdapter

MAIL_NOT_SENT = (
    "Письмо не отправлено: почтовый сервер сейчас недоступен. "
    "Попробуйте запросить его ещё раз через несколько минут."
)


class ReaderAccountAdapter(ClientAddressAccountAdapter):
    """Keyed by the site's client address (cms.signin); mail through cms.mail."""

    def send_mail(self, template_prefix, email, context):
        send = partial(super().send_mail, template_prefix, email, context)
        if not send_or_warn(send, f"account mail {template_prefix}"):
            request = allauth_context.request
            if request is not None:
                messages.warning(request, MAIL_NOT_SENT)
