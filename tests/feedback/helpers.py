"""Helpers for the «Решаем вместе» tests: the demo-like form page and a valid submission."""

import re

from django.core.cache import cache

from wagtail.rich_text import RichText

from feedback.forms import rate_limit_key
from feedback.models import FeedbackFormField, FeedbackFormPage, FeedbackRequest
from home.models import StandardPage
from tests.conftest import add_page

TOPICS = "Пушкинская карта\nПокупка билетов\nРабота библиотеки\nПредложение по улучшению\nДругое"
FIELDS = [
    ("Имя", "singleline", True, "name", ""),
    ("Электронная почта", "email", True, "email", ""),
    ("Телефон", "singleline", False, "phone", ""),
    ("Тема", "dropdown", True, "topic", TOPICS),
    ("Сообщение", "multiline", True, "message", ""),
]


def make_feedback_page(home, to_address="staff@example.org"):
    """A published form page with the demo's fields and a consent page."""
    consent = add_page(
        home,
        StandardPage(
            title="Согласие на обработку персональных данных",
            body=[("paragraph", RichText("<p>Я согласен.</p>"))],
        ),
    )
    fields = [
        FeedbackFormField(
            label=label, field_type=kind, required=required, role=role, choices=choices
        )
        for label, kind, required, role, choices in FIELDS
    ]
    page = FeedbackFormPage(
        title="Решаем вместе",
        to_address=to_address,
        subject="Новое обращение",
        consent_page=consent,
        form_fields=fields,
    )
    return add_page(home, page)


def form_token(client, page):
    html = client.get(page.url).content.decode()
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def valid_data(client, page, **overrides):
    """What a reader sends: filled fields, consent ticked, the token from a fresh form."""
    data = {
        "imya": "Анна Иванова",
        "elektronnaya_pochta": "anna@example.org",
        "telefon": "",
        "tema": "Пушкинская карта",
        "soobshhenie": "Не могу получить Пушкинскую карту в приложении.",
        "consent": "on",
        "website": "",
        "token": form_token(client, page),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, page, **overrides):
    """A reader's request sent through the form; the request it made."""
    client.post(page.url, valid_data(client, page, **overrides))
    return FeedbackRequest.objects.order_by("-pk").first()


def reset_rate_limit(ip="127.0.0.1"):
    """Tests share one cache; each starts with a clean count for the test client's address."""
    cache.delete(rate_limit_key(ip))
