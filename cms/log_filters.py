"""Logging filters referenced by LOGGING in cms.settings.base."""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """A request Django refused with a 4xx (a body too large, too many fields, a malformed
    multipart body) is the client's error, not the site's: one warning line with the path,
    no traceback, and no e-mail to the administrators."""

    def filter(self, record):
        if getattr(record, "status_code", 500) >= 500:
            return True
        request = getattr(record, "request", None)
        if request is not None and record.name.startswith("django.security."):  # no path
            path = request.path.encode("unicode_escape").decode("ascii")
            record.msg = f"{record.getMessage()} [{request.method} {path}]".replace("%", "%%")
            record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.levelno = logging.WARNING
        record.levelname = "WARNING"
        return True
