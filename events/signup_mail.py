"""The sign-up e-mails, queued for the worker like every mail of the site (cms.mail): «Вы
записаны», «Вы в листе ожидания» and «Место освободилось», each with the link that cancels."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from cms.mail import send_or_warn
from cms.models import SiteSettings

SUBJECTS = {
    "confirmed": "Вы записаны: {title}",
    "waiting": "Вы в листе ожидания: {title}",
    "promoted": "Место освободилось — вы записаны: {title}",
}


def mail_sign_up(sign_up, kind):
    """Queue the e-mail of this `kind` to the reader; True if it was queued (False without an
    e-mail address or when the queue is down: the sign-up stays stored either way)."""
    if not sign_up.email:
        return False
    return send_or_warn(lambda: _send(sign_up, kind), f"event sign-up {sign_up.pk} ({kind})")


def _send(sign_up, kind):
    occurrence = sign_up.occurrence
    page = occurrence.page
    site = page.get_site()
    address = page.address or (SiteSettings.for_site(site).address if site else "")
    body = render_to_string(
        f"events/emails/{kind}.txt",
        {
            "sign_up": sign_up,
            "page": page,
            "start": timezone.localtime(occurrence.start),
            "all_day": occurrence.all_day,
            "address": address,
            "page_url": page.get_full_url(),
            "cancel_url": sign_up.cancel_url(),
            "place_in_line": sign_up.place_in_line(),
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    subject = SUBJECTS[kind].format(title=page.title)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [sign_up.email])
