"""Staff side: the «Обращения» group, the list, processing, answering, the built-in export."""

from io import BytesIO

import openpyxl
import pytest

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from cms.editorial import EDITORS_GROUP
from feedback.models import FeedbackRequest
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data

INDEX = "feedback_feedbackrequest_modeladmin_index"
EDIT = "feedback_feedbackrequest_modeladmin_edit"


@pytest.fixture
def page(home):
    reset_rate_limit()
    yield make_feedback_page(home)
    reset_rate_limit()


def submit(client, page, **overrides):
    client.post(page.url, valid_data(client, page, **overrides))
    return FeedbackRequest.objects.order_by("-pk").first()


@pytest.fixture
def processor(client, django_user_model):
    """A staff member in the «Обращения» group, signed in."""
    user = django_user_model.objects.create_user("olga", "olga@example.org", "x")
    user.groups.add(Group.objects.get(name="Обращения"))
    client.force_login(user)
    return user


@pytest.fixture
def plain_editor(client, django_user_model):
    """An editor who may use the admin but not the requests. (Not Wagtail's «Editors» group:
    a migration makes it, so a test that flushed the database before this one removed it.)"""
    user = django_user_model.objects.create_user("petr", "petr@example.org", "x")
    editors = Group.objects.create(name="Редакторы")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user.groups.add(editors)
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_the_group_may_only_see_and_process_requests():
    codenames = set(
        Group.objects.get(name="Обращения").permissions.values_list("codename", flat=True)
    )
    assert codenames == {"access_admin", "view_feedbackrequest", "change_feedbackrequest"}


@pytest.mark.django_db
def test_group_member_sees_requests_and_dashboard_count(client, page, processor):
    request = submit(client, page)
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    assert request.number in response.content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'class="feedback-new-count">1<' in dashboard
    assert client.get(reverse(EDIT, args=[request.pk])).status_code == 200
    # No creating or deleting requests by hand.
    assert client.get(reverse("feedback_feedbackrequest_modeladmin_create")).status_code == 302
    delete = reverse("feedback_feedbackrequest_modeladmin_delete", args=[request.pk])
    assert client.post(delete).status_code == 302
    assert FeedbackRequest.objects.filter(pk=request.pk).exists()


@pytest.mark.django_db
def test_plain_editor_does_not_see_requests(client, page, plain_editor):
    submit(client, page)
    client.force_login(plain_editor)
    assert client.get(reverse(INDEX)).status_code == 302
    request = FeedbackRequest.objects.get()
    assert client.get(reverse(EDIT, args=[request.pk])).status_code == 302
    assert "feedback-new-count" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_an_editor_who_may_edit_the_form_page_does_not_see_its_requests(
    client, page, django_user_model
):
    submit(client, page)
    redaktor = django_user_model.objects.create_user("redaktor", "r@example.org", "x")
    redaktor.groups.add(Group.objects.get(name=EDITORS_GROUP))  # may edit every page
    client.force_login(redaktor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert not client.get(reverse("wagtailforms:index")).context["form_pages"].exists()
    submissions = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]))
    assert submissions.status_code == 302 and submissions.url == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_status_workflow_is_recorded_in_the_history(client, page, processor):
    request = submit(client, page)
    url = reverse(EDIT, args=[request.pk])
    response = client.post(
        url, {"status": "in_progress", "assignee": processor.pk, "notes": "Звоню", "answer": ""}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.assignee, request.notes) == ("in_progress", processor, "Звоню")
    client.post(url, {"status": "closed", "assignee": processor.pk, "notes": "", "answer": ""})
    request.refresh_from_db()
    assert request.status == "closed" and request.closed_at is not None
    steps = [(h.from_status, h.to_status) for h in request.history.all()]
    assert ("", "new") in steps and ("new", "in_progress") in steps
    assert ("in_progress", "closed") in steps
    html = client.get(url).content.decode()
    assert "Новое → В работе" in html and "Ответственный: olga" in html


@pytest.mark.django_db
def test_sending_the_answer_mails_the_reader_and_sets_answered(client, page, processor):
    request = submit(client, page)
    mail.outbox.clear()
    url = reverse(EDIT, args=[request.pk])
    data = {"status": "in_progress", "assignee": "", "notes": "", "answer": "Карта оформлена."}
    response = client.post(url, {**data, "send_answer": "1"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "answered" and request.answered_at is not None
    (answer,) = mail.outbox
    assert answer.to == ["anna@example.org"]
    assert request.number in answer.subject and "Карта оформлена." in answer.body
    assert request.history.filter(to_status="answered").exists()


@pytest.mark.django_db
def test_an_empty_answer_is_not_sent(client, page, processor):
    request = submit(client, page)
    mail.outbox.clear()
    data = {"status": "new", "assignee": "", "notes": "", "answer": "  ", "send_answer": "1"}
    response = client.post(reverse(EDIT, args=[request.pk]), data)
    assert response.status_code == 200
    assert "Напишите ответ" in response.content.decode()
    assert mail.outbox == []
    request.refresh_from_db()
    assert request.status == "new"


@pytest.mark.django_db
def test_only_group_members_and_superusers_can_be_assigned(
    client, page, processor, django_user_model
):
    outsider = django_user_model.objects.create_user("ivan", "ivan@example.org", "x")
    request = submit(client, page)
    url = reverse(EDIT, args=[request.pk])
    data = {"status": "new", "assignee": outsider.pk, "notes": "", "answer": ""}
    assert client.post(url, data).status_code == 200
    request.refresh_from_db()
    assert request.assignee is None


@pytest.mark.django_db
def test_filters_and_search(client, page, processor):
    submit(client, page)
    other = submit(client, page, tema="Покупка билетов", imya="Борис Петров")
    index = reverse(INDEX)
    by_topic = client.get(index, {"topic": "Покупка билетов"}).content.decode()
    assert other.number in by_topic and "Анна Иванова" not in by_topic
    found = client.get(index, {"q": "Борис"}).content.decode()
    assert other.number in found and "Анна Иванова" not in found
    by_status = client.get(index, {"status__exact": "answered"}).content.decode()
    assert other.number not in by_status


@pytest.mark.django_db
def test_nothing_a_reader_typed_is_shown_unescaped_in_the_admin(client, page, editor):
    evil = '<script>alert("x")</script>'
    request = submit(client, page, imya=evil, soobshhenie=f"Текст {evil}", telefon=evil)
    assert request is not None
    for url in [
        reverse(INDEX),
        reverse(EDIT, args=[request.pk]),
        reverse("wagtailforms:list_submissions", args=[page.pk]),
    ]:
        html = editor.get(url).content.decode()
        assert evil not in html, url
        assert "&lt;script&gt;" in html, url


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_builtin_submissions_list_and_export_keep_working(client, page, editor, export_format):
    request = submit(client, page)
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    assert request.number in editor.get(url).content.decode()
    response = editor.get(url, {"export": export_format})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        text = body.decode("utf-8")
        assert request.number in text and "Анна Иванова" in text and "Версия согласия" in text
    else:
        rows = list(openpyxl.load_workbook(BytesIO(body)).active.values)
        assert rows[0][:2] == ("Номер", "Статус")
        assert rows[1][:2] == (request.number, "Новое")


@pytest.mark.django_db
def test_a_form_page_with_requests_cannot_be_deleted(client, page, editor):
    submit(client, page)
    for target in [page, page.get_parent()]:
        url = reverse("wagtailadmin_pages:delete", args=[target.pk])
        response = editor.post(url)
        assert response.status_code == 302
        assert FeedbackRequest.objects.count() == 1
    assert "нельзя удалить" in editor.get(response.url).content.decode()


@pytest.mark.django_db
def test_even_a_superuser_cannot_delete_a_request_in_the_admin(client, page, editor):
    request = submit(client, page)
    delete = reverse("feedback_feedbackrequest_modeladmin_delete", args=[request.pk])
    assert editor.post(delete).status_code == 302
    assert FeedbackRequest.objects.filter(pk=request.pk).exists()
