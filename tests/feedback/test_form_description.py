"""The form description a client renders the form from, in API v2 and v3: a widget for
every field type Wagtail's form builder offers, the consent text, and a payload built from
the description alone that the form accepts."""

import json
import re

import pytest

from wagtail.contrib.forms.models import FORM_FIELD_CHOICES
from wagtail.rich_text import RichText

from feedback.models import FeedbackFormField, FeedbackFormPage, FeedbackRequest
from home.models import StandardPage
from tests.conftest import add_page
from tests.feedback.helpers import reset_rate_limit

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
VERSIONS = ["/api/v2/feedback/{}/", "/api/v3/feedback/{}/"]

# (label, Wagtail field type, role, choices, default): every type of FORM_FIELD_CHOICES.
EVERY_FIELD = [
    ("Имя", "singleline", "name", "", ""),
    ("Телефон", "singleline", "phone", "", ""),
    ("Сообщение", "multiline", "message", "", ""),
    ("Почта", "email", "email", "", ""),
    ("Возраст", "number", "", "", ""),
    ("Страница", "url", "", "", ""),
    ("Согласен на рассылку", "checkbox", "", "", ""),
    ("Интересы", "checkboxes", "", "Книги\nКино", "Книги"),
    ("Тема", "dropdown", "topic", "Пушкинская карта\nДругое", ""),
    ("Языки", "multiselect", "", "Русский, Английский", ""),
    ("Как ответить", "radio", "", "Письмом\nЗвонком", ""),
    ("Дата визита", "date", "", "", ""),
    ("Время визита", "datetime", "", "", ""),
    ("Источник", "hidden", "", "", "api"),
]
EXPECTED_WIDGETS = {
    "imya": "text",
    "telefon": "tel",
    "soobshhenie": "textarea",
    "pochta": "email",
    "vozrast": "number",
    "stranica": "url",
    "soglasen_na_rassylku": "checkbox",
    "interesy": "checkboxes",
    "tema": "select",
    "yazyki": "multiselect",
    "kak_otvetit": "radio",
    "data_vizita": "date",
    "vremya_vizita": "datetime",
    "istochnik": "hidden",
    "consent": "checkbox",
    "token": "hidden",
}
# What a reader would answer, by widget, for the payload built from the description.
ANSWERS = {
    "text": "Анна",
    "tel": "+7 384 200-00-00",
    "textarea": "Прошу продлить часы работы.",
    "email": "anna@example.org",
    "number": 14,
    "url": "https://example.org/",
    "date": "2026-12-01",
    "datetime": "2026-12-01 10:30",
    "checkbox": True,
}


@pytest.fixture
def form_page(home):
    reset_rate_limit()
    policy = add_page(home, StandardPage(title="Политика конфиденциальности"))
    consent = add_page(
        home,
        StandardPage(
            title="Согласие на обработку персональных данных",
            lead="Кратко о согласии",
            body=[
                (
                    "paragraph",
                    RichText(
                        f'<p>Я согласен. Читайте <a linktype="page" id="{policy.pk}">политику</a>.'
                        "</p>"
                    ),
                )
            ],
        ),
    )
    fields = [
        FeedbackFormField(
            label=label, field_type=kind, role=role, choices=choices, default_value=default,
            required=kind not in ("checkbox", "hidden"), help_text=f"Подсказка: {label}",
        )
        for label, kind, role, choices, default in EVERY_FIELD
    ]  # fmt: skip
    page = FeedbackFormPage(
        title="Решаем вместе",
        intro="Расскажите, что улучшить.",
        thank_you_text="Ответим в течение 30 дней.",
        consent_page=consent,
        form_fields=fields,
    )
    return add_page(home, page)


def describe(client, url, page):
    response = client.get(url.format(page.pk))
    assert response.status_code == 200
    return response.json()


def test_the_fixture_covers_every_field_type_wagtail_offers():
    assert {kind for _, kind, *_ in EVERY_FIELD} == {kind for kind, _ in FORM_FIELD_CHOICES}


@pytest.mark.django_db
@pytest.mark.parametrize("url", VERSIONS)
def test_every_field_has_a_widget_a_client_can_render(client, form_page, url):
    fields = {field["name"]: field for field in describe(client, url, form_page)["fields"]}
    assert {name: field["widget"] for name, field in fields.items()} == EXPECTED_WIDGETS
    assert fields["tema"]["choices"] == [
        {"value": "Пушкинская карта", "label": "Пушкинская карта"},
        {"value": "Другое", "label": "Другое"},
    ]
    assert [choice["value"] for choice in fields["yazyki"]["choices"]] == ["Русский", "Английский"]
    assert fields["interesy"]["initial"] == ["Книги"]
    assert fields["soobshhenie"]["max_length"] == 5000
    assert fields["imya"] == {
        "name": "imya", "widget": "text", "required": True, "label": "Имя",
        "help_text": "Подсказка: Имя", "max_length": 255,
    }  # fmt: skip
    assert fields["soglasen_na_rassylku"]["required"] is False
    assert "website" not in fields


@pytest.mark.django_db
@pytest.mark.parametrize("url", VERSIONS)
def test_hidden_fields_carry_the_value_to_send_back_and_no_label(client, form_page, url):
    fields = {field["name"]: field for field in describe(client, url, form_page)["fields"]}
    assert fields["istochnik"] == {
        "name": "istochnik", "widget": "hidden", "required": False, "value": "api"
    }  # fmt: skip
    assert "label" not in fields["token"]
    assert re.fullmatch(r"[0-9a-f-]{36}", fields["token"]["value"])
    assert all(field.get("label") not in ("None", "") for field in fields.values())
    assert fields["consent"]["label"] == "Я даю согласие на обработку моих персональных данных"


@pytest.mark.django_db
@pytest.mark.parametrize("url", VERSIONS)
def test_the_description_has_the_page_texts_the_consent_text_and_the_anti_spam_rules(
    client, form_page, url, settings
):
    data = describe(client, url, form_page)
    assert data["intro"] == "Расскажите, что улучшить."
    assert data["thank_you_text"] == "Ответим в течение 30 дней."
    consent = data["consent"]
    assert consent["title"] == "Согласие на обработку персональных данных"
    assert consent["lead"] == "Кратко о согласии"
    assert "Я согласен." in consent["body_html"]
    assert re.search(r'href="http://testserver/politika-[a-z-]+/"', consent["body_html"])
    assert consent["html_url"] == data["consent_url"]
    assert data["consent_url"].startswith("http://testserver/")
    assert data["consent_version"] == form_page.consent_version() != ""
    assert data["anti_spam"] == {
        "honeypot": "website",
        "token": "token",
        "rate_limit": {
            "requests": settings.FEEDBACK_RATE_LIMIT,
            "window_seconds": settings.FEEDBACK_RATE_LIMIT_WINDOW,
        },
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", VERSIONS)
def test_each_description_has_its_own_token_even_with_the_page_cache_on(
    client, form_page, url, page_cache_on
):
    def token():
        response = client.get(url.format(form_page.pk))
        assert "no-store" in response["Cache-Control"]
        return next(f["value"] for f in response.json()["fields"] if f["name"] == "token")

    assert token() != token()


@pytest.mark.django_db
def test_v2_and_v3_describe_the_form_alike(client, form_page):
    v2, v3 = (describe(client, url, form_page) for url in VERSIONS)
    for data in (v2, v3):  # each form shown has its own token
        next(field for field in data["fields"] if field["name"] == "token").pop("value")
    assert v2 == v3


@pytest.mark.django_db
def test_a_draft_consent_page_is_not_given_out(client, form_page):
    form_page.consent_page.unpublish()
    data = describe(client, VERSIONS[0], form_page)
    assert "consent" not in data


def payload_from(description):
    """What a client following the description alone sends: an answer for each field by its
    widget, the first choice of each choice field, hidden values as given, no honeypot."""
    payload = {}
    for field in description["fields"]:
        widget = field["widget"]
        if widget == "hidden":
            payload[field["name"]] = field["value"]
        elif widget in ("select", "radio"):
            payload[field["name"]] = field["choices"][0]["value"]
        elif widget in ("multiselect", "checkboxes"):
            payload[field["name"]] = [field["choices"][-1]["value"]]
        else:
            payload[field["name"]] = ANSWERS[widget]
    payload[description["anti_spam"]["honeypot"]] = ""
    return payload


@pytest.mark.django_db
@pytest.mark.parametrize("url", VERSIONS)
def test_a_client_following_the_description_sends_a_request(client, form_page, url):
    description = describe(client, url, form_page)
    payload = payload_from(description)
    response = client.post(
        url.format(form_page.pk), json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    stored = FeedbackRequest.objects.get(number=response.json()["number"])
    assert stored.consent_version == description["consent_version"]
    assert stored.form_data["yazyki"] == ["Английский"]
    assert stored.form_data["istochnik"] == "api"
    assert stored.phone == "+7 384 200-00-00"
    # The token sent back makes a second POST find the first request.
    again = client.post(
        url.format(form_page.pk), json.dumps(payload), content_type="application/json"
    )
    assert (again.status_code, again.json()["number"]) == (200, response.json()["number"])


@pytest.mark.django_db
@pytest.mark.parametrize("url", VERSIONS)
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": False}, "consent"),
        ({"pochta": "не-почта"}, "pochta"),
        ({"vozrast": "много"}, "vozrast"),
        ({"tema": "Нет такой темы"}, "tema"),
        ({"website": "http://spam.example"}, "__all__"),
    ],
)
def test_wrong_answers_get_a_400_json_in_russian_naming_the_field(
    client, form_page, url, changes, field
):
    payload = payload_from(describe(client, url, form_page)) | changes
    response = client.post(
        url.format(form_page.pk), json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    answer = response.json()
    if "errors" in answer and isinstance(answer["errors"], dict):  # v2
        messages = answer["errors"][field]
    else:  # v3: RFC 7807 problem details
        messages = [error["msg"] for error in answer["errors"] if error["loc"] == [field]]
    assert messages and all(CYRILLIC.search(message) for message in messages)
    assert CYRILLIC.search(answer.get("message") or answer["detail"])
    assert not FeedbackRequest.objects.exists()


@pytest.mark.django_db
def test_v3_answers_404_for_a_form_page_readers_cannot_open(client, form_page):
    form_page.unpublish()
    assert client.get(f"/api/v3/feedback/{form_page.pk}/").status_code == 404
    response = client.post(
        f"/api/v3/feedback/{form_page.pk}/", "{}", content_type="application/json"
    )
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", VERSIONS)
def test_over_the_rate_limit_the_answer_is_429_in_russian(client, form_page, url, settings):
    settings.FEEDBACK_RATE_LIMIT = 1

    def send():
        payload = payload_from(describe(client, url, form_page))  # a fresh token each time
        return client.post(
            url.format(form_page.pk), json.dumps(payload), content_type="application/json"
        )

    assert send().status_code == 201
    refused = send()
    assert refused.status_code == 429
    assert "Слишком много обращений" in (refused.json().get("message") or refused.json()["detail"])
