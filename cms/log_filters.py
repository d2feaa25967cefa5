"""Logging filters referenced by LOGGING in cms.settings.base."""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """A request Django refused with a 4xx (a body too large, too many fields, a malformed
    multipart body) is the client's error, not the site's: one warning line with the reason
    and the path, no traceback, and no e-mail to the administrators."""

    def filter(self, record):
        if getattr(record, "status_code", 500) >= 500:
            return True
        message = record.getMessage()
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and str(error) not in message:
            message += f" ({error})"
        request = getattr(record, "request", None)
        if request is not None and request.path not in message:
            path = request.path.encode("unicode_escape").decode("ascii")
            message += f" [{request.method} {path}]"
        record.msg, record.args = message, ()
        record.exc_info = None
        record.exc_text = None
        record.levelno = logging.WARNING
        record.levelname = "WARNING"
        return True


class FailedChecksOnOneLine(logging.Filter):
    """A readiness check that failed (/readyz/, cms.health) reports the state of a service,
    not a bug, and monitoring asks every few seconds: django-health-check's warning becomes
    one line with the reasons, the outermost first, instead of a traceback. Its errors (an
    exception no check expected) keep theirs."""

    def filter(self, record):
        if record.levelno >= logging.ERROR or not record.exc_info:
            return True
        reasons, error = [], record.exc_info[1]
        while error is not None:
            reason = " ".join(str(error).split())
            if reason and reason not in reasons:
                reasons.append(reason)
            error = error.__cause__ or error.__context__
        record.msg, record.args = f"{record.getMessage()}: {' ← '.join(reasons)}", ()
        record.exc_info = None
        record.exc_text = None
        return True
