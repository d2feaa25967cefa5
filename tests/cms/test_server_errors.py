"""An error no view handled: readers get the Russian page, API clients JSON, and both a 503
with Retry-After while the database cannot be reached. (tests/cms/test_postgres_restart.py
sees them from outside during a real restart.)"""

import json

import pytest

from django.db import InterfaceError, OperationalError
from django.urls import get_resolver

from cms.errors import RETRY_AFTER_SECONDS, server_error


def answer_to(error, request):
    """What Django answers: it calls the handler while it handles the exception."""
    handler = get_resolver().resolve_error_handler(500)
    assert handler is server_error
    try:
        raise error
    except Exception:
        return handler(request)


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"),
                                   InterfaceError("connection already closed")])  # fmt: skip
def test_a_database_outage_is_a_503_to_retry(rf, error):
    page = answer_to(error, rf.get("/novosti/"))
    api = answer_to(error, rf.post("/api/v2/comments/"))

    assert page.status_code == api.status_code == 503
    assert page["Retry-After"] == api["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "Сайт ненадолго недоступен" in page.content.decode()
    assert api["Content-Type"] == "application/json"
    assert json.loads(api.content) == {
        "message": "Сервис ненадолго недоступен. Повторите запрос через минуту."
    }


def test_any_other_error_is_a_500_without_details(rf):
    page = answer_to(ValueError("секретная подробность"), rf.get("/"))
    api = answer_to(ValueError("секретная подробность"), rf.get("/api/v3/pages/"))

    assert page.status_code == api.status_code == 500
    assert not page.has_header("Retry-After")
    assert "Что-то пошло не так" in page.content.decode()
    assert json.loads(api.content) == {"message": "Ошибка на сервере. Повторите запрос позже."}
    assert "секретная" not in page.content.decode() + api.content.decode()
