"""The answer to an error no view handled: the reader's page in HTML, the API's in JSON, and a
503 with Retry-After while the database cannot be reached (a restart, a failover)."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
API_MESSAGES = {
    500: "Ошибка на сервере. Повторите запрос позже.",
    503: "Сервис ненадолго недоступен. Повторите запрос через минуту.",
}


def server_error(request):
    """handler500: Django calls it while handling the exception, so sys.exc_info() has it."""
    unavailable = isinstance(sys.exc_info()[1], (OperationalError, InterfaceError))
    status = 503 if unavailable else 500
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"message": API_MESSAGES[status]}, status=status)
    else:
        response = HttpResponse(loader.get_template(f"{status}.html").render(), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
