"""The answers to errors no view handled (the URLconf's handler400 and handler500): the
reader's page in HTML, the API's in JSON, and a 503 with Retry-After while the database
cannot be reached (a restart, a failover)."""

import sys

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

from cms.input_guard import TOO_LARGE, refusal

RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
API_MESSAGES = {
    500: "Ошибка на сервере. Повторите запрос позже.",
    503: "Сервис ненадолго недоступен. Повторите запрос через минуту.",
}


def server_error(request):
    """handler500: Django calls it while handling the exception, so sys.exc_info() has it."""
    unavailable = isinstance(sys.exc_info()[1], (OperationalError, InterfaceError))
    response = error_response(request, 503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def error_response(request, status):
    """The site's 500 or 503: JSON for the API, the HTML page for readers."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"message": API_MESSAGES[status]}, status=status)
    return HttpResponse(loader.get_template(f"{status}.html").render(), status=status)


BAD_REQUEST_MESSAGES = {
    RequestDataTooBig: TOO_LARGE,
    TooManyFieldsSent: "Слишком много полей в запросе.",
    TooManyFilesSent: "Слишком много файлов в запросе.",
}


def bad_request(request, exception=None):
    """handler400: Django's 400 (a body over DATA_UPLOAD_MAX_MEMORY_SIZE, too many fields, a
    malformed multipart body…) in Russian, as JSON or HTML like the input guard's refusals."""
    message = BAD_REQUEST_MESSAGES.get(type(exception), "Сайт не может обработать этот запрос.")
    return refusal(request, message)
