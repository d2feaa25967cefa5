"""An editor builds a «Решаем вместе» form in the admin; readers get exactly those fields."""

import pytest

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from feedback.models import FeedbackFormPage
from tests.feedback.helpers import reset_rate_limit


def form_page_data(consent_page_id, fields):
    return nested_form_data(
        {
            "title": "Напишите нам",
            "slug": "napishite-nam",
            "intro": "",
            "thank_you_text": "Ответим в течение 30 дней.",
            "consent_page": consent_page_id,
            "form_fields": inline_formset(fields),
            "to_address": "staff@example.org",
            "from_address": "",
            "subject": "Новое обращение",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "action-publish": "publish",
        }
    )


FIELDS = [
    {"label": "Как вас зовут", "field_type": "singleline", "required": "on", "role": "name",
     "help_text": "", "choices": "", "default_value": ""},
    {"label": "Почта", "field_type": "email", "required": "on", "role": "email",
     "help_text": "", "choices": "", "default_value": ""},
    {"label": "Вопрос", "field_type": "multiline", "required": "on", "role": "message",
     "help_text": "", "choices": "", "default_value": ""},
]  # fmt: skip


@pytest.mark.django_db
def test_editor_builds_a_form_and_a_reader_submits_it(editor, home, standard_page):
    url = reverse("wagtailadmin_pages:add", args=("feedback", "feedbackformpage", home.pk))
    response = editor.post(url, form_page_data(standard_page.pk, FIELDS))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = FeedbackFormPage.objects.get(slug="napishite-nam")
    assert [f.clean_name for f in page.form_fields.all()] == ["kak_vas_zovut", "pochta", "vopros"]

    reset_rate_limit()
    reader = editor.__class__()
    html = reader.get(page.url).content.decode()
    assert 'name="kak_vas_zovut"' in html and 'name="pochta"' in html
    response = reader.post(page.url, {"kak_vas_zovut": "Ира", "pochta": "ira@example.org"})
    assert "Требуется заполнить это поле" in response.content.decode()
    assert page.get_submissions().count() == 0
    reset_rate_limit()


@pytest.mark.django_db
def test_the_consent_page_must_be_chosen(editor, home):
    url = reverse("wagtailadmin_pages:add", args=("feedback", "feedbackformpage", home.pk))
    response = editor.post(url, form_page_data("", FIELDS))
    assert response.status_code == 200
    assert not FeedbackFormPage.objects.exists()


@pytest.mark.django_db
def test_form_page_lives_only_under_home(home, standard_page):
    assert FeedbackFormPage in home.specific_class.allowed_subpage_models()
    assert FeedbackFormPage not in standard_page.specific_class.allowed_subpage_models()
