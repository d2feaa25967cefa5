"""API v3 answers what its OpenAPI document says: schemathesis with all its checks (the
Python API's `--checks all`), positive and negative cases, derandomized, over a site with real
content: every read anonymous and with a staff token, every write anonymous."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

from django.core.files.base import ContentFile
from django.core.wsgi import get_wsgi_application

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import APIToken, Site
from wagtail.rich_text import RichText

from cms.models import PreviewSnapshot
from cms.preview import sign
from tests.conftest import make_image, make_news, make_partner, make_promo, make_slide
from tests.feedback.helpers import make_feedback_page
from tests.news.comments_helpers import approved

EXAMPLES = 6  # per operation and mode: ~30 GET operations stay well under a minute

# Where a check cannot hold for a reason outside the project, exactly which check and where.
EXCLUDED = {
    # "Schema-valid request rejected" (422): Wagtail's OrderingSchema declares `order` as any
    # strings, and refuses unknown field names and `order=random` with an offset (as v2 does),
    # a rule across two parameters that OpenAPI cannot state; pages and snippets refuse a
    # `child_of` or `translation_of` naming no object with 422, not 404. Wagtail's routers
    # offer no hook to describe their fields; the project's images and documents reuse the
    # same ordering schema.
    "positive_data_acceptance": {
        "GET /api/v3/pages/",
        "GET /api/v3/images/",
        "GET /api/v3/documents/",
        "GET /api/v3/snippets/{type}/",
        "GET /api/v3/redirects/",
        # RFC 3339 allows UTC offsets up to ±23:59, PostgreSQL up to ±15:59; Wagtail's revision
        # filters pass the date-times on (the project answers 400: cms.api.problems).
        "GET /api/v3/pages/{page_id}/revisions/",
        "GET /api/v3/snippets/{type}/{pk}/revisions/",
    },
}


# Wagtail documents this path's {type} as the choice of translatable snippet models; the
# project has none, so the document says `const: ""`, which no URL path can carry.
UNCALLABLE = {"POST /api/v3/snippets/{type}/{pk}/actions/copy_for_translation/"}


def make_document(title):
    return Document.objects.create(title=title, file=ContentFile(b"%PDF-1.4\n", name="doc.pdf"))


@pytest.fixture
def site_content(news_index, directory):
    """Every kind of thing /api/v3/ lists, with media that public content uses."""
    document = make_document("Положение о конкурсе")
    news = make_news(
        news_index, title="Новость", image=make_image("Фото новости"),
        body=[
            ("paragraph", RichText("<p>Текст.</p>")),
            ("document", {"document": document, "title": "Скачать"}),
        ],
    )  # fmt: skip
    root = approved(news, comment="Корень")
    approved(news, comment="Ответ", parent_id=root.pk)
    partner = make_partner(
        "ЦСДБ г. Минска", country="Беларусь", agreement_document=make_document("Договор")
    )
    redirect = Redirect.objects.create(old_path="/staroe", redirect_page=news)
    slide, promo = make_slide("Слайд"), make_promo("Гранты России", group="contests")
    feedback = make_feedback_page(news_index.get_parent())
    site = Site.objects.get(is_default_site=True)
    snippet = {"type": "partners.Partner", "pk": str(partner.pk)}
    draft = PreviewSnapshot.objects.record(news, user=None)  # as the admin's Preview makes it
    return {
        "query": {
            "/api/v3/pages/find/": {"html_path": news.url},
            "/api/v3/redirects/find/": {"html_path": "/staroe"},
            "/api/v3/comments/": {"page": news.pk},
            "/api/v3/page_preview/": {
                "content_type": "news.newspage", "token": sign(draft.pk, type(news)),
            },
            "/api/v3/search/": {"q": "Новость"},
        },
        "path": {
            "/api/v3/pages/{page_id}/": {"page_id": news.pk},
            "/api/v3/pages/{page_id}/revisions/": {"page_id": news.pk},
            "/api/v3/pages/{page_id}/revisions/{revision_id}/": {
                "page_id": news.pk, "revision_id": news.latest_revision_id,
            },
            "/api/v3/images/{image_id}/": {"image_id": news.main_image_id},
            "/api/v3/documents/{document_id}/": {"document_id": document.pk},
            "/api/v3/sites/{site_id}/": {"site_id": site.pk},
            "/api/v3/schema/{type_name}/": {"type_name": "news.NewsPage"},
            "/api/v3/redirects/{redirect_id}/": {"redirect_id": redirect.pk},
            "/api/v3/snippets/{type}/": {"type": "partners.Partner"},
            "/api/v3/snippets/{type}/{pk}/": snippet,
            "/api/v3/snippets/{type}/{pk}/revisions/": snippet,
            "/api/v3/snippets/{type}/{pk}/revisions/{revision_id}/": {
                **snippet, "revision_id": partner.latest_revision_id,
            },
            "/api/v3/partners/{item_id}/": {"item_id": partner.pk},
            "/api/v3/slides/{item_id}/": {"item_id": slide.pk},
            "/api/v3/promos/{item_id}/": {"item_id": promo.pk},
            "/api/v3/comments/{item_id}/": {"item_id": root.pk},
            "/api/v3/feedback/{page_id}/": {"page_id": feedback.pk},
        },
    }  # fmt: skip


def strategies(operation, content, headers=None, modes=tuple(GenerationMode)):
    """Generated cases in each mode, and positive ones naming objects that exist (so that
    answers with content are checked too)."""
    drawn = [operation.as_strategy(mode, headers=headers) for mode in modes]
    real_path = content["path"].get(operation.path)
    real_query = content["query"].get(operation.path)
    if real_path or real_query:
        drawn.append(
            operation.as_strategy(path_parameters=real_path, query=real_query, headers=headers)
        )
    return drawn


def enable_all_checks(schema):
    """The Python API's `--checks all`; the names of the checks now enabled.

    Strings are drawn without NUL: the input guard refuses it on every path before any router
    (tests/cms/test_input_guard.py, tests/test_fuzz_reader_input.py), which OpenAPI's string
    schemas cannot state, so "schema-valid request rejected" would flag every operation."""
    schema.config.generation.update(allow_x00=False)
    load_all_checks()
    schema.config.checks.update(included_check_names=["all"])
    enabled = schema.config.checks.get_by_name
    return {name for name in CHECKS.get_all_names() if enabled(name=name).enabled}


def anonymous_reads(operations):
    """GET operations that need no token (their security allows none, or there is none)."""
    return {
        operation.label
        for operation in operations
        if {} in operation.definition.raw.get("security", [{}])
    }


@pytest.mark.django_db(transaction=True)
def test_every_read_operation_answers_as_its_openapi_document_says(site_content):
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", get_wsgi_application())
    assert enable_all_checks(schema) == set(CHECKS.get_all_names())
    operations = [result.ok() for result in schema.include(method="GET").get_all_operations()]
    assert len(operations) >= 25

    failures, sent = [], []
    for operation in operations:
        for strategy in strategies(operation, site_content):
            check_operation(operation, strategy, failures, sent)

    assert failures == []
    assert {200, 401, 404, 422} <= {status for _, status in sent}
    # Every read an anonymous client may make found something (find redirects), and was checked.
    found = {label for label, status in sent if status in (200, 302)}
    assert anonymous_reads(operations) <= found


@pytest.mark.django_db(transaction=True)
def test_every_read_with_a_token_answers_as_its_openapi_document_says(site_content, admin_user):
    _, token = APIToken.create_token(user=admin_user, name="Проверка API")
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", get_wsgi_application())
    enable_all_checks(schema)
    operations = [result.ok() for result in schema.include(method="GET").get_all_operations()]
    headers = {"Authorization": f"Bearer {token}"}

    failures, sent = [], []
    for operation in operations:
        # Negative cases of an operation with nothing but the header to vary cannot be made.
        for strategy in strategies(operation, site_content, headers, [GenerationMode.POSITIVE]):
            check_operation(operation, strategy, failures, sent, examples=4)

    assert failures == []
    found = {label for label, status in sent if status in (200, 302)}
    assert {operation.label for operation in operations} <= found


def check_operation(operation, strategy, failures, sent, examples=EXAMPLES):
    """Schemathesis' checks on `examples` cases drawn from `strategy`; failures and the
    statuses of the answers that passed are collected."""
    excluded = [
        check
        for check in CHECKS.get_all()
        if operation.label in EXCLUDED.get(getattr(check, "__name__", ""), ())
    ]

    @settings(
        max_examples=examples, derandomize=True, deadline=None, database=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(data=st.data())
    def check(data):
        case = data.draw(strategy)
        try:
            response = case.call_and_validate(excluded_checks=excluded)
        except FailureGroup as group:
            failures.extend((operation.label, str(failure)[:400]) for failure in group.exceptions)
        else:
            sent.append((operation.label, response.status_code))

    check()


WRITTEN_MODELS = [
    "wagtailcore.Page", "wagtailimages.Image", "wagtaildocs.Document", "wagtailcore.Site",
    "wagtailredirects.Redirect", "partners.Partner", "cms.Slide", "cms.PromoBlock",
]  # fmt: skip


def stored_counts():
    from django.apps import apps

    return {label: apps.get_model(label).objects.count() for label in WRITTEN_MODELS}


@pytest.mark.django_db(transaction=True)
def test_anonymous_writes_get_a_documented_4xx_json_and_change_nothing(site_content):
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", get_wsgi_application())
    enable_all_checks(schema)
    writes = [result.ok() for result in schema.exclude(method="GET").get_all_operations()]
    operations = [operation for operation in writes if operation.label not in UNCALLABLE]
    assert {"POST", "PATCH", "PUT", "DELETE"} <= {
        operation.method.upper() for operation in operations
    }
    before = stored_counts()

    failures, sent = [], []
    for operation in operations:
        for mode in GenerationMode:
            check_operation(operation, operation.as_strategy(mode), failures, sent, examples=2)

    assert failures == []
    assert {status for _, status in sent} <= {400, 401, 404, 405, 415, 422}
    assert stored_counts() == before


@pytest.mark.django_db
def test_every_listing_documents_the_maximum_limit_and_refuses_more_in_russian(
    client, site_content
):
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    listings = {
        path: operations["get"]
        for path, operations in paths.items()
        if any(
            parameter["name"] == "limit"
            for parameter in operations.get("get", {}).get("parameters", [])
        )
    }
    assert {"/api/v3/images/", "/api/v3/documents/", "/api/v3/pages/"} <= set(listings)
    for path, operation in listings.items():
        limit = next(p for p in operation["parameters"] if p["name"] == "limit")
        assert limit["schema"]["maximum"] == 20, path
        assert "application/problem+json" in operation["responses"]["400"]["content"], path

    for path in ("/api/v3/images/", "/api/v3/partners/", "/api/v3/pages/"):
        response = client.get(path, {"limit": 21})
        assert response.status_code == 400, path
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"] == "Параметр limit не может быть больше 20."
    assert client.get("/api/v3/images/", {"limit": 20}).status_code == 200


@pytest.mark.django_db
def test_refusals_explain_themselves_in_russian(client, site_content):
    not_found = client.get("/api/v3/images/999999/").json()
    invalid = client.get("/api/v3/slides/", {"limit": "много"}).json()
    no_token = client.get("/api/v3/sites/").json()
    assert not_found["detail"] == "Не найдено."
    assert invalid["detail"].startswith("Запрос не прошёл проверку")
    assert invalid["errors"][0]["loc"] == ["query", "limit"]
    assert no_token["detail"].startswith("Нужен токен")


@pytest.mark.django_db
def test_no_two_schema_classes_claim_one_openapi_component(home):
    from cms.api import api_v3

    assert api_v3.get_openapi_schema(path_params={}).collisions == set()
