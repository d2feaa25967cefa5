"""API v3's refusals in Russian: Wagtail's RFC 7807 problem details, with its English
`detail` texts put into Russian (the project's own routers already raise Russian ones)."""

import json
import re

from ninja import NinjaAPI

from wagtail.api.v3.errors import PROBLEM_JSON, register_exception_handlers

# Wagtail 8's texts, which it does not mark for translation.
RUSSIAN_DETAILS = [
    (r"limit cannot be higher than (\d+)", "Параметр limit не может быть больше {0}."),
    (r"Validation failed", "Запрос не прошёл проверку: что не так, сказано в errors."),
    (r"Not found|No \w+ matches the given query\.", "Не найдено."),
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


def register_russian_exception_handlers(api: NinjaAPI):
    """Wagtail's handlers (problem+json, 422 for validation), answering in Russian."""
    register_exception_handlers(api)
    for exc_class, handler in list(api._exception_handlers.items()):
        api.add_exception_handler(exc_class, russian(handler))
