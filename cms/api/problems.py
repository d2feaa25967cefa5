"""API v3's refusals in Russian: Wagtail's RFC 7807 problem details, with its English
`detail` texts put into Russian (the project's own routers already raise Russian ones)."""

import json
import logging
import re

from ninja import NinjaAPI
from ninja.errors import HttpError

from django.db import DataError

from wagtail.api.v3.errors import PROBLEM_JSON, problem_response, register_exception_handlers

logger = logging.getLogger(__name__)

# Wagtail 8's texts, which it does not mark for translation.
RUSSIAN_DETAILS = [
    (r"limit cannot be higher than (\d+)", "Параметр limit не может быть больше {0}."),
    (r"Validation failed", "Запрос не прошёл проверку: что не так, сказано в errors."),
    (r"Not found|No \w+ matches the given query\.", "Не найдено."),
    (r"Unknown content type: (.*)", "Нет такого типа содержимого: {0}."),
    (r"Internationalization is not enabled\.", "Переводы на сайте выключены."),
    (r"Authentication required|Unauthorized", "Нужен токен: заголовок Authorization: Bearer …"),
    (r"Permission denied|Forbidden", "У владельца токена нет на это прав."),
]


def in_russian(detail):
    for pattern, russian in RUSSIAN_DETAILS:
        if match := re.fullmatch(pattern, detail):
            return russian.format(*match.groups())
    return detail


def russian(handler):
    def translated(request, exc):
        response = handler(request, exc)
        if response.get("Content-Type") == PROBLEM_JSON:
            problem = json.loads(response.content)
            problem["detail"] = in_russian(problem.get("detail", ""))
            response.content = json.dumps(problem, ensure_ascii=False, default=str)
        return response

    return translated


def value_out_of_range(request, exc):
    """A value that validates but the database cannot take (a date-time offset of -18:37 on
    PostgreSQL, in Wagtail's revision filters) is the client's error, not a 500."""
    logger.warning("API v3 refused a value the database cannot take: %s", str(exc).strip())
    return problem_response(
        status=400, detail="Значение параметра вне диапазона, который принимает база данных."
    )


def register_russian_exception_handlers(api: NinjaAPI):
    """Wagtail's handlers (problem+json, 422 for validation), answering in Russian."""
    register_exception_handlers(api)
    for exc_class, handler in list(api._exception_handlers.items()):
        api.add_exception_handler(exc_class, russian(handler))
    api.add_exception_handler(DataError, value_out_of_range)


def refuse_unknown(request, known):
    """400, in Russian, for query parameters the operation does not take."""
    unknown = sorted(set(request.GET) - set(known))
    if unknown:
        raise HttpError(
            400,
            f"Неизвестные параметры запроса: {', '.join(unknown)}. Список параметров — "
            "в /api/v3/openapi.json.",
        )
