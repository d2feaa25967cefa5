"""Sending the site's e-mails through the background worker.

Every e-mail of the site (moderators, readers, receipts, answers, account mail, Wagtail's own
notices, errors to ADMINS) goes through EMAIL_BACKEND = QueuedEmailBackend: sending only
queues a `deliver_email` task; the worker hands it to EMAIL_DELIVERY_BACKEND (SMTP in
production) and, while the mail server is down, tries again later (cms.background). An
editor's save or a reader's post never waits for SMTP, and an outage costs no mail.
"""

import base64
import logging

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from .background import retry_later

logger = logging.getLogger(__name__)


def send_or_warn(send, about):
    """Call `send()`; True if the mail was queued, else False and a log line naming `about`.

    What a mail is about (a comment, a request, an account) is saved before it is sent, so a
    failure to queue it (the queue's database or Redis down) costs the mail, not the data.
    """
    try:
        send()
    except Exception:
        logger.exception("E-mail not queued (%s)", about)
        return False
    return True


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message for the worker instead of sending it."""

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.enqueue(message_to_data(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("E-mail not queued: %s", message.subject)
            else:
                queued += 1
        return queued


@task()
def deliver_email(message, attempt=1):
    """Send one queued message with the real backend; retry later if the server fails."""
    email = message_from_data(message)
    about = f"e-mail «{email.subject}» to {len(email.recipients())} recipient(s)"
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
            connection.send_messages([email])
    except OSError as error:  # refused, reset, timed out, or any smtplib.SMTPException
        retry_later(deliver_email, attempt, about, describe(error), message)
        return "retrying"
    logger.info(
        "E-mail delivered to %d recipient(s) (attempt %d)", len(email.recipients()), attempt
    )
    return "delivered"


def describe(error):
    return f"{type(error).__name__}: {error}".rstrip(": ")


def message_to_data(message):
    """A JSON-able copy of an EmailMessage (attachments' bytes in base64)."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment  # a MIMEBase attachment fails here, loudly
        if isinstance(content, bytes):
            attachments.append([filename, base64.b64encode(content).decode(), mimetype, True])
        else:
            attachments.append([filename, content, mimetype, False])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(item) for item in getattr(message, "alternatives", [])],
        "content_subtype": message.content_subtype,
        "attachments": attachments,
    }


def message_from_data(data):
    message_class = EmailMultiAlternatives if data["alternatives"] else EmailMessage
    message = message_class(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype, is_binary in data["attachments"]:
        message.attach(filename, base64.b64decode(content) if is_binary else content, mimetype)
    return message
