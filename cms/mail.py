"""Sending the site's e-mails. What a mail is about (a comment, a request, an account) is
saved before it is sent, so a mail server that is down or hangs costs the mail, not the data:
one warning line, and the caller goes on. (EMAIL_TIMEOUT bounds the wait for a hung server.)"""

import logging

logger = logging.getLogger(__name__)


def send_or_warn(send, about):
    """Call `send()`; True if the mail went out, else False and a log line naming `about`."""
    try:
        send()
    except OSError as error:  # refused, reset, timed out, or any smtplib.SMTPException
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        logger.warning("E-mail not sent (%s): %s", about, reason)
        return False
    except Exception:
        # A bug (a template, an address): logged in full, the data is kept all the same.
        logger.exception("E-mail not sent (%s)", about)
        return False
    return True
