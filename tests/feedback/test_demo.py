"""The demo site has the «Решаем вместе» page, linked from the home page's block."""

import pytest

from wagtail.models import Site

from cms.models import SiteSettings
from feedback.models import FeedbackFormPage
from home.models import StandardPage
from tests.conftest import load_demo


@pytest.mark.django_db
def test_demo_feedback_page_is_linked_from_home_and_idempotent(client, settings):
    settings.DEMO_ADMIN_ENABLED = False
    load_demo()
    page = FeedbackFormPage.objects.get()
    revisions = page.revisions.count()
    load_demo()

    assert FeedbackFormPage.objects.get().revisions.count() == revisions
    assert (
        StandardPage.objects.filter(title="Согласие на обработку персональных данных").count() == 1
    )
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert site_settings.decide_page.specific == page
    assert page.consent_page.title == "Согласие на обработку персональных данных"
    assert [field.role for field in page.form_fields.all()] == [
        "name", "email", "phone", "topic", "message",
    ]  # fmt: skip
    home = client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert f'href="{page.url}">Написать обращение</a>' in home
    form = client.get(page.url, HTTP_HOST="127.0.0.1:8000").content.decode()
    for topic in ["Пушкинская карта", "Покупка билетов", "Предложение по улучшению", "Другое"]:
        assert f'<option value="{topic}">' in form
