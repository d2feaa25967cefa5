"""«Сведения об организации» (Приказ Минкультуры России № 277): the section lists its
subsections, its document lists show each file's type, size and Russian date, in the page
and in both APIs; the demo makes the nine subsections once."""

import datetime
from types import SimpleNamespace

import pytest
from pydantic import TypeAdapter

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents.models import Document
from wagtail.models import Page

from cms.shapes import OrganizationBodyBlockData
from home.models import OrganizationInfoPage, OrganizationSectionPage
from tests.cms.test_admin_in_russian import content as admin_content
from tests.cms.test_admin_in_russian import english_in_pages
from tests.conftest import add_page, forget_fragments, kept_for_the_module, load_demo
from tooling.demo.official import SUBSECTIONS

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DEMO_HOST = {"HTTP_HOST": "127.0.0.1:8000"}


def make_document(title, size=None, name="doc.pdf"):
    """A real PDF of `size` bytes (padded after its end marker, as scanners leave them)."""
    data = PDF + b"\n" * ((size or len(PDF)) - len(PDF))
    return Document.objects.create(title=title, file=ContentFile(data, name=name))


def make_section(home, **fields):
    return add_page(home, OrganizationInfoPage(title="Сведения об организации", **fields))


def make_subsection(section, title="Документы", body=()):
    return add_page(section, OrganizationSectionPage(title=title, body=list(body)))


def document_list(*items, heading="Учредительные документы"):
    return (
        "document_list",
        {
            "heading": heading,
            "documents": [
                {"title": title, "date": date, "number": number, "document": document}
                for title, date, number, document in items
            ],
        },
    )


@pytest.fixture
def documents_page(home):
    charter = make_document("Устав (скан)", size=1_258_291, name="ustav.pdf")
    rules = make_document("Положение о платных услугах", name="polozhenie.pdf")
    section = make_section(home)
    page = make_subsection(
        section,
        body=[
            document_list(
                ("Устав", datetime.date(2019, 11, 28), "1234", charter),
                ("", None, "", rules),
            )
        ],
    )
    return SimpleNamespace(section=section, page=page, charter=charter, rules=rules)


@pytest.mark.django_db
def test_a_document_list_shows_type_size_date_and_number_in_russian(client, documents_page):
    html = client.get(documents_page.page.url).content.decode()

    assert "<h2>Учредительные документы</h2>" in html
    assert (
        f'<a href="{documents_page.charter.url}">Устав '
        '<span class="document-link__meta">(PDF, 1,2\xa0МБ)</span></a>' in html
    )
    assert 'от <time datetime="2019-11-28">28 ноября 2019 г.</time> № 1234' in html
    # No title given: the document's own; its size is in bytes, as Russian says it.
    assert (
        f'Положение о платных услугах <span class="document-link__meta">(PDF, {len(PDF)}\xa0байт)'
        in html
    )


@pytest.mark.django_db
def test_a_deleted_document_leaves_the_list_without_a_dead_link(client, documents_page):
    documents_page.rules.delete()

    html = client.get(documents_page.page.url).content.decode()

    assert "Устав" in html
    assert "Положение о платных услугах" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_api_gives_each_listed_document_with_type_size_and_date(
    client, documents_page, version
):
    body = client.get(f"/api/{version}/pages/{documents_page.page.pk}/").json()["body"]

    TypeAdapter(list[OrganizationBodyBlockData]).validate_python(body)
    [block] = body
    assert block["type"] == "document_list"
    assert block["value"]["heading"] == "Учредительные документы"
    charter, rules = block["value"]["documents"]
    assert {key: charter[key] for key in ("title", "date", "number")} == {
        "title": "Устав", "date": "2019-11-28", "number": "1234",
    }  # fmt: skip
    assert charter["document"] == {
        "id": documents_page.charter.pk,
        "title": "Устав (скан)",
        "url": f"http://testserver{documents_page.charter.url}",
        "extension": "pdf",
        "type": "PDF",
        "size": 1_258_291,
        "label": "PDF, 1,2\xa0МБ",
    }
    assert rules["title"] == "Положение о платных услугах"
    assert rules["date"] is None


@pytest.mark.django_db
def test_the_openapi_document_types_the_document_list(client, home):
    schemas = client.get("/api/v3/openapi.json").json()["components"]["schemas"]

    assert set(schemas["ListedDocumentData"]["properties"]) >= {"type", "size", "label", "url"}
    assert "DocumentListBlockData" in schemas


@pytest.mark.django_db
def test_the_section_lists_its_visible_subsections_in_order(client, home):
    section = make_section(home)
    for title in ("Основные сведения и учредитель", "Руководство", "Документы"):
        make_subsection(section, title)
    draft = OrganizationSectionPage(title="Черновик подраздела", live=False)
    section.add_child(instance=draft)

    html = client.get(section.url).content.decode()
    api = client.get(f"/api/v2/pages/{section.pk}/").json()

    assert '<nav class="subsections" aria-labelledby="subsections-heading">' in html
    assert html.index("Основные сведения") < html.index("Руководство") < html.index("Документы")
    assert "Черновик подраздела" not in html
    assert [item["title"] for item in api["subsections"]] == [
        "Основные сведения и учредитель", "Руководство", "Документы",
    ]  # fmt: skip
    assert (
        api["subsections"][2]["html_url"] == "http://testserver/svedeniya-ob-organizacii/dokumenty/"
    )


@pytest.mark.django_db
def test_an_empty_subsection_says_it_is_being_filled(client, home):
    page = make_subsection(make_section(home), "Руководство")

    html = client.get(page.url).content.decode()

    assert "<h1>Руководство</h1>" in html
    assert "Сведения готовятся к публикации." in html


def count_queries(client, url):
    client.get(url)
    forget_fragments()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_section_and_list_queries_do_not_grow_with_subsections_or_documents(client, home):
    section = make_section(home)
    documents = make_subsection(section, "Документы")

    def fill(start, count):
        for number in range(start, start + count):
            make_subsection(section, f"Подраздел {number}")
        items = [
            (f"Документ {n}", datetime.date(2024, 1, 1), str(n), make_document(f"Документ {n}"))
            for n in range(start + count)
        ]
        documents.body = [document_list(*items)]
        documents.save_revision().publish()

    urls = [
        section.url,
        documents.url,
        f"/api/v2/pages/{section.pk}/",
        f"/api/v3/pages/{section.pk}/",
        f"/api/v2/pages/{documents.pk}/",
        f"/api/v3/pages/{documents.pk}/",
    ]
    fill(0, 1)
    with_one = {url: count_queries(client, url) for url in urls}
    fill(1, 29)
    assert {url: count_queries(client, url) for url in urls} == with_one


@pytest.mark.django_db
def test_the_organization_pages_admin_is_in_russian(home, admin_client):
    section = make_section(home)
    page = make_subsection(section, body=[document_list(("Устав", None, "", make_document("У")))])
    paths = [
        f"/admin/pages/add/home/organizationinfopage/{home.pk}/",
        f"/admin/pages/{section.pk}/edit/",
        f"/admin/pages/{section.pk}/",
        f"/admin/pages/add/home/organizationsectionpage/{section.pk}/",
        f"/admin/pages/{page.pk}/edit/",
    ]

    # "admin": the signed-in user's name, as the add page shows it.
    assert english_in_pages(admin_client, paths, admin_content() | {"admin"}) == {}


# The demo, loaded twice (a second load creates nothing) once for the tests below.


@pytest.fixture(scope="module")
def files_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("official-demo")


@pytest.fixture(scope="module")
def demo_loaded_twice(django_db_setup, django_db_blocker, files_folder):
    with kept_for_the_module(django_db_blocker, files_folder, DEMO_ADMIN_ENABLED=False):
        load_demo()
        first = {
            "revisions": {page.pk: page.revisions.count() for page in Page.objects.all()},
            "documents": Document.objects.count(),
        }
        load_demo()
        yield SimpleNamespace(**first)


@pytest.mark.django_db
def test_the_demo_makes_the_section_and_its_nine_subsections_once(client, demo_loaded_twice):
    section = OrganizationInfoPage.objects.get()
    subsections = OrganizationSectionPage.objects.child_of(section).order_by("path")

    assert section.live and section.show_in_menus
    assert [page.title for page in subsections] == SUBSECTIONS
    assert len(SUBSECTIONS) == 9
    assert all(page.live for page in subsections)
    assert Document.objects.count() == demo_loaded_twice.documents
    for page in [section, *subsections]:
        assert page.revisions.count() == demo_loaded_twice.revisions[page.pk], page.title
    home = client.get("/", **DEMO_HOST).content.decode()
    assert '<a href="/svedeniya-ob-organizacii/">Сведения об организации</a>' in home
    html = client.get(section.url, **DEMO_HOST).content.decode()
    for title in SUBSECTIONS:
        assert f">{title}</a></li>" in html


@pytest.mark.django_db
def test_the_demo_documents_subsection_lists_the_charter_and_the_paid_services_rules(
    client, demo_loaded_twice
):
    page = OrganizationSectionPage.objects.get(title="Документы")

    html = client.get(page.url, **DEMO_HOST).content.decode()

    assert 'Устав <span class="document-link__meta">(PDF, ' in html
    assert "Положение о порядке предоставления платных услуг" in html
    assert "28 ноября 2019 г." in html
    other = OrganizationSectionPage.objects.get(title="Руководство")
    assert "Сведения готовятся к публикации." in client.get(other.url, **DEMO_HOST).content.decode()
