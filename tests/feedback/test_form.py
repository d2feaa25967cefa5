"""The reader's side of «Решаем вместе»: the built form, consent, spam guards, the landing."""

import pytest

from django.core import mail
from django.test import Client

from feedback.models import FeedbackRequest
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data


@pytest.fixture
def page(home):
    reset_rate_limit()
    yield make_feedback_page(home)
    reset_rate_limit()


@pytest.mark.django_db
def test_form_renders_the_editors_fields_and_an_unticked_consent_linking_to_its_text(client, page):
    html = client.get(page.url).content.decode()
    for label in ["Имя", "Электронная почта", "Телефон", "Тема", "Сообщение"]:
        assert f">{label}<" in html
    assert '<option value="Пушкинская карта">' in html
    assert 'type="checkbox" name="consent"' in html
    assert "checked" not in html
    assert f'href="{page.consent_page.url}"' in html


@pytest.mark.django_db
def test_a_submission_gets_a_number_the_landing_page_and_both_emails(client, page):
    response = client.post(page.url, valid_data(client, page))
    request = FeedbackRequest.objects.get()
    assert response.status_code == 302
    assert response.url == request.landing_url()
    landing = client.get(response.url).content.decode()
    assert f"Обращение № <strong>{request.number}</strong>" in landing
    assert request.receipt_sent and "Мы также отправим его" in landing
    assert request.number.endswith("-000001")
    assert request.status == "new"
    assert (request.name, request.email, request.topic) == (
        "Анна Иванова",
        "anna@example.org",
        "Пушкинская карта",
    )
    reader, staff = sorted(mail.outbox, key=lambda message: message.to != ["anna@example.org"])
    assert staff.to == ["staff@example.org"] and request.number in staff.subject
    assert reader.to == ["anna@example.org"] and request.number in reader.subject
    assert request.number in reader.body


@pytest.mark.django_db
def test_consent_is_recorded_with_the_consent_texts_version_and_time(client, page):
    client.post(page.url, valid_data(client, page))
    request = FeedbackRequest.objects.get()
    assert request.consent_version == str(page.consent_page.live_revision_id)
    assert request.consent_page_id == page.consent_page_id
    assert request.consent_at is not None
    assert "consent" not in request.form_data and "token" not in request.form_data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"consent": None}, "consent", "Без согласия на обработку персональных данных"),
        ({"elektronnaya_pochta": "anna-at-example"}, "elektronnaya_pochta", "адрес"),
        ({"soobshhenie": "я" * 5001}, "soobshhenie", "5000"),
        ({"imya": ""}, "imya", "Требуется заполнить"),
    ],
)
def test_bad_input_is_refused_in_russian_keeping_what_was_typed(
    client, page, overrides, field, error
):
    data = valid_data(client, page, **overrides)
    response = client.post(page.url, data)
    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    # The error is announced with its field: aria-describedby points at it.
    assert f'aria-describedby="id_{field}_error"' in html or f'id_{field}_error"' in html
    assert f'<span class="field-error" id="id_{field}_error">' in html
    assert "Анна Иванова" in html or field == "imya"
    assert "Не могу получить Пушкинскую карту" in html or field == "soobshhenie"
    assert FeedbackRequest.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_honeypot_filled_stores_nothing(client, page):
    response = client.post(page.url, valid_data(client, page, website="http://spam.example"))
    assert response.status_code == 200
    assert "заполнена автоматически" in response.content.decode()
    assert FeedbackRequest.objects.count() == 0


@pytest.mark.django_db
def test_forged_csrf_token_is_refused_and_nothing_stored(page):
    client = Client(enforce_csrf_checks=True)
    data = valid_data(client, page, csrfmiddlewaretoken="forged" * 8)
    response = client.post(page.url, data)
    assert response.status_code == 403
    assert FeedbackRequest.objects.count() == 0


@pytest.mark.django_db
def test_double_submit_makes_one_request(client, page):
    data = valid_data(client, page)
    first = client.post(page.url, data)
    second = client.post(page.url, data)
    assert FeedbackRequest.objects.count() == 1
    assert first.url == second.url
    assert len(mail.outbox) == 2  # one to staff, one to the reader: not twice


@pytest.mark.django_db
def test_rate_limit_per_ip_refuses_with_a_message(client, page, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(page.url, valid_data(client, page)).status_code == 302
    response = client.post(page.url, valid_data(client, page))
    assert response.status_code == 429
    assert "Слишком много обращений" in response.content.decode()
    assert "Анна Иванова" in response.content.decode()
    assert FeedbackRequest.objects.count() == 2
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(page.url, valid_data(other, page)).status_code == 302
    reset_rate_limit("10.0.0.9")


@pytest.mark.django_db
def test_landing_needs_the_submitters_token(client, page):
    client.post(page.url, valid_data(client, page))
    number = FeedbackRequest.objects.get().number
    for query in ["?sent=", "?sent=nonsense", "?sent=6f1c1a2e-0000-4000-8000-000000000000"]:
        assert number not in client.get(page.url + query).content.decode()


@pytest.mark.django_db
def test_numbers_run_on_within_a_year(client, page):
    for _ in range(3):
        client.post(page.url, valid_data(client, page))
    numbers = sorted(FeedbackRequest.objects.values_list("number", flat=True))
    assert [number[-6:] for number in numbers] == ["000001", "000002", "000003"]


@pytest.mark.django_db
def test_pos_widget_only_when_its_id_is_set(client, page, home):
    from wagtail.models import Site

    from cms.models import SiteSettings

    assert "gosuslugi" not in client.get(page.url).content.decode()
    site_settings = SiteSettings.for_site(Site.objects.get(root_page=home))
    site_settings.pos_widget_id = "12345"
    site_settings.save()
    assert "pos.gosuslugi.ru" in client.get(page.url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("token", [None, "", "not-a-uuid"])
def test_a_form_without_a_valid_token_is_still_accepted(client, page, token):
    response = client.post(page.url, valid_data(client, page, token=token))
    assert response.status_code == 302
    assert FeedbackRequest.objects.get().token is not None
