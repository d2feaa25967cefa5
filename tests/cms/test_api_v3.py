"""API v3: our snippets next to Wagtail's pages, documented by the OpenAPI schema."""

import pytest

from django.db import connection

from wagtail.models import APIToken

from tests.conftest import make_image, make_news, make_partner, make_promo, make_slide
from tests.news.comments_helpers import approved


@pytest.fixture
def content(news_index, directory):
    news = make_news(news_index, title="Новость", image=make_image())
    root = approved(news, comment="Корень")
    approved(news, comment="Ответ", parent_id=root.pk)
    make_partner("ЦСДБ г. Минска", country="Беларусь")
    make_slide("Слайд")
    make_promo("Гранты России", group="contests")


@pytest.mark.django_db
def test_openapi_documents_our_snippet_endpoints(client, home):
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    for endpoint in ("partners", "slides", "promos", "comments"):
        assert f"/api/v3/{endpoint}/" in paths
        assert f"/api/v3/{endpoint}/{{item_id}}/" in paths
    assert "/api/v3/pages/" in paths
    for media in ("images", "documents"):
        assert set(paths[f"/api/v3/{media}/"]) == {"get", "post"}
        assert set(paths[f"/api/v3/{media}/{{{media[:-1]}_id}}/"]) == {"get", "patch", "delete"}


@pytest.mark.django_db
def test_interactive_docs_load_nothing_from_other_hosts(client, home):
    html = client.get("/api/v3/docs/").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html.split("<body", 1)[0]


@pytest.mark.django_db
def test_partner_listing_and_detail(client, content):
    listing = client.get("/api/v3/partners/", {"country": "Беларусь"}).json()
    assert listing["count"] == 1
    partner = listing["items"][0]
    assert partner["short_name"] == "ЦСДБ г. Минска"
    assert partner["logo"]["renditions"]["thumbnail_webp"]["url"].endswith(".webp")
    detail = client.get(f"/api/v3/partners/{partner['id']}/").json()
    assert detail == partner


@pytest.mark.django_db
def test_slides_and_promos(client, content):
    assert [s["title"] for s in client.get("/api/v3/slides/").json()["items"]] == ["Слайд"]
    promos = client.get("/api/v3/promos/", {"group": "projects"}).json()
    assert promos["count"] == 0


@pytest.mark.django_db
def test_a_token_writes_images_through_wagtails_own_views(client, home, admin_user):
    image = make_image("Старое название")  # used by nothing, so not listed
    _, token = APIToken.create_token(user=admin_user, name="Мобильное приложение")
    url = f"/api/v3/images/{image.pk}/"

    anonymous = client.patch(url, {"title": "Чужое"}, content_type="application/json")
    written = client.patch(
        url, {"title": "Новое название"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip

    assert anonymous.status_code == 401
    assert written.status_code == 200, written.content[:300]
    image.refresh_from_db()
    assert image.title == "Новое название"
    # Reading stays limited to what public content uses, with a token too.
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404


@pytest.mark.django_db
def test_a_snippet_key_its_model_cannot_take_is_not_found(client, home, admin_user):
    partner = make_partner("ЦСДБ г. Минска")
    _, token = APIToken.create_token(user=admin_user, name="Мобильное приложение")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    for path in ("abc/", "abc/revisions/", "1.5/revisions/1/"):
        response = client.get(f"/api/v3/snippets/partners.Partner/{path}", **auth)
        assert response.status_code == 404, path
        assert response.json()["detail"] == "Не найдено."
    published = client.post(
        "/api/v3/snippets/partners.Partner/abc/actions/publish/", {}, "application/json", **auth
    )
    assert published.status_code == 404
    found = client.get(f"/api/v3/snippets/partners.Partner/{partner.pk}/", **auth)
    assert found.status_code == 200, found.content[:300]


@pytest.mark.django_db
def test_a_date_the_database_cannot_take_is_a_bad_request(client, home, admin_user):
    _, token = APIToken.create_token(user=admin_user, name="Мобильное приложение")
    response = client.get(
        f"/api/v3/pages/{home.pk}/revisions/", {"created_at_from": "4384-03-17T08:58:48-18:37"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )  # fmt: skip
    if connection.vendor == "sqlite":  # dates are text there: any offset is taken
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert response.json()["detail"].startswith("Значение параметра вне диапазона")
