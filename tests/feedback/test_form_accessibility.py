"""«Решаем вместе» for every reader: autocomplete, a topic nobody picked for them, an error
summary that names and links each field, and a consent link that says it opens a new tab."""

import pytest
from bs4 import BeautifulSoup

from feedback.models import FeedbackRequest
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data

TYPED = {
    "imya": "Анна Иванова",
    "elektronnaya_pochta": "anna@example.org",
    "telefon": "+7 384 200-00-00",
    "soobshhenie": "Не могу получить Пушкинскую карту в приложении.",
}


@pytest.fixture
def page(home):
    reset_rate_limit()
    yield make_feedback_page(home)
    reset_rate_limit()


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.django_db
def test_name_email_and_phone_tell_the_browser_what_to_fill_in(client, page):
    html = soup(client.get(page.url))
    fields = {name: html.find(id=f"id_{name}") for name in TYPED}
    assert {name: field.get("autocomplete") for name, field in fields.items()} == {
        "imya": "name",
        "elektronnaya_pochta": "email",
        "telefon": "tel",
        "soobshhenie": None,
    }
    assert fields["telefon"]["type"] == "tel"
    assert fields["elektronnaya_pochta"]["type"] == "email"


@pytest.mark.django_db
def test_the_topic_starts_on_an_empty_required_choice(client, page):
    select = soup(client.get(page.url)).find("select", id="id_tema")
    assert select.has_attr("required")
    options = select.find_all("option")
    assert (options[0]["value"], options[0].text) == ("", "— выберите тему —")
    assert [option["value"] for option in options if option.has_attr("selected")] == [""]
    assert "Пушкинская карта" in [option["value"] for option in options[1:]]


@pytest.mark.django_db
def test_no_topic_is_refused_in_russian_keeping_everything_typed(client, page):
    response = client.post(page.url, valid_data(client, page, tema="", **TYPED))
    assert response.status_code == 200
    assert response.context["form"].errors == {"tema": ["Выберите вариант из списка."]}
    html = soup(response)
    for name, value in TYPED.items():
        field = html.find(id=f"id_{name}")
        assert (field.text.strip() if field.name == "textarea" else field["value"]) == value
    assert html.find(id="id_consent").has_attr("checked")
    assert html.find(id="id_tema_error").text == "Выберите вариант из списка."
    assert FeedbackRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_picked_topic_is_kept_when_another_field_is_refused(client, page):
    response = client.post(page.url, valid_data(client, page, imya="", tema="Другое"))
    selected = soup(response).find("select", id="id_tema").find_all("option", selected=True)
    assert [option["value"] for option in selected] == ["Другое"]


@pytest.mark.django_db
def test_a_refused_form_opens_on_a_summary_linking_each_field_to_its_error(client, page):
    response = client.post(page.url, {"token": "", "website": ""})
    html = soup(response)
    form = html.find("form", class_="feedback-form")
    assert form["action"] == f"{page.url}#feedback-form-errors"
    summary = html.find(id="feedback-form-errors")
    # First thing in the form, so it is met first without script too; focusable by the anchor.
    shown = [child for child in form.find_all(recursive=False) if child.name != "input"]
    assert shown[0] is summary
    assert (summary["role"], summary["tabindex"]) == ("alert", "-1")
    assert summary.p.text == "Обращение не отправлено: исправьте отмеченные поля."
    links = [(link["href"], link.text) for link in summary.find_all("a")]
    assert links == [
        ("#id_imya", "Имя: Требуется заполнить это поле."),
        ("#id_elektronnaya_pochta", "Электронная почта: Требуется заполнить это поле."),
        ("#id_tema", "Тема: Выберите вариант из списка."),
        ("#id_soobshhenie", "Сообщение: Требуется заполнить это поле."),
        (
            "#id_consent",
            "Без согласия на обработку персональных данных мы не можем принять обращение.",
        ),
    ]
    for href, _ in links:  # every link reaches a field that exists
        assert html.find(id=href[1:]) is not None


@pytest.mark.django_db
def test_a_refusal_for_the_whole_form_is_listed_without_a_link(client, page):
    response = client.post(page.url, valid_data(client, page, website="http://spam.example"))
    summary = soup(response).find(id="feedback-form-errors")
    assert summary.p.text == "Обращение не отправлено."
    assert "заполнена автоматически" in summary.li.text
    assert summary.find("a") is None


@pytest.mark.django_db
def test_a_form_shown_first_has_no_summary(client, page):
    assert soup(client.get(page.url)).find(id="feedback-form-errors") is None


@pytest.mark.django_db
def test_the_consent_link_says_it_opens_a_new_tab(client, page):
    link = soup(client.get(page.url)).find("label", attrs={"for": "id_consent"}).a
    assert link["href"] == page.consent_page.url
    assert (link["target"], link["rel"]) == ("_blank", ["noopener"])
    hidden = link.find(class_="visually-hidden")
    assert hidden.text == " (откроется в новой вкладке)"
    assert link.text == "текст согласия (откроется в новой вкладке)"
