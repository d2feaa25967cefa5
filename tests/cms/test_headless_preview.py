"""Draft preview for an external front end (cms.preview): the admin's Preview sends the
editor to the client with a token, and only that token opens the draft in the API."""

from urllib.parse import parse_qs, urlsplit

import pytest
from freezegun import freeze_time

from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from wagtail.models import APIToken

from cms.models import PreviewSnapshot
from cms.settings.headless_preview import client_origins, headless_preview_client_urls
from tests.cms.test_slides import slide_form
from tests.conftest import make_image, make_news, make_partner, make_promo, make_slide
from tests.feedback.helpers import make_feedback_page
from tests.news.test_editor import news_form
from tests.partners.test_editor import partner_form

pytestmark = pytest.mark.django_db

CLIENT = "http://127.0.0.1:8230/preview/"
DRAFT_TITLE = "Черновик: выставка ещё не открыта"


@pytest.fixture
def headless(settings):
    settings.HEADLESS_PREVIEW_CLIENT_URLS = {"default": CLIENT}


def news_preview_url(page):
    return reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])


def preview(editor, url, data, **query):
    """Posts the form as the preview panel does, then opens the preview as its iframe does."""
    assert editor.post(url, data).json()["is_valid"]
    return editor.get(url, query)


def client_query(response):
    assert response.status_code == 302, response.content.decode()[:500]
    location = response["Location"]
    assert location.startswith(CLIENT)
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


@pytest.fixture
def news(news_index):
    return make_news(news_index, title="Выставка открыта")


def edit_news(editor, page, title=DRAFT_TITLE, **query):
    data = news_form(make_image("Витрина"), title=title, slug=page.slug)
    return preview(editor, news_preview_url(page), data, **query)


def test_preview_of_a_news_draft_goes_to_the_client_with_a_token(editor, headless, news):
    query = client_query(edit_news(editor, news, in_preview_panel="true"))

    assert query["content_type"] == "news.newspage"
    assert query["in_preview_panel"] == "true"
    answer = Client().get("/api/v2/page_preview/", query)
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "private, no-store"
    draft = answer.json()
    assert draft["title"] == DRAFT_TITLE
    assert draft["id"] == news.pk
    assert draft["meta"]["type"] == "news.NewsPage"
    # The same shape as the live page's detail: the front end renders both with one code.
    live = Client().get(f"/api/v2/pages/{news.pk}/").json()
    assert live["title"] == "Выставка открыта"
    assert set(draft) == set(live)
    assert set(draft["meta"]) == set(live["meta"])


def test_the_token_opens_the_draft_in_v3_too(editor, headless, news):
    query = client_query(edit_news(editor, news))

    answer = Client().get("/api/v3/page_preview/", query)

    assert answer.status_code == 200, answer.content
    assert answer.json()["title"] == DRAFT_TITLE
    live = Client().get(f"/api/v3/pages/{news.pk}/").json()
    assert set(answer.json()) == set(live)


def test_the_editor_saved_nothing_and_the_live_page_is_unchanged(editor, headless, news):
    client_query(edit_news(editor, news))

    news.refresh_from_db()
    assert news.title == "Выставка открыта"
    assert news.get_latest_revision().as_object().title == "Выставка открыта"
    for url in (f"/api/v2/pages/{news.pk}/", f"/api/v3/pages/{news.pk}/", news.url):
        assert DRAFT_TITLE not in Client().get(url).content.decode()


@pytest.mark.parametrize(
    ("params", "status", "v3_status"),
    [
        ({}, 400, 422),
        ({"content_type": "news.newspage"}, 400, 422),
        ({"content_type": "news.newspage", "token": ""}, 400, 400),
        ({"content_type": "news.newspage", "token": "forged"}, 403, 403),
        ({"content_type": "news.newspage", "token": "eyJpZCI6MX0:1vQ:forged"}, 403, 403),
    ],
)
def test_no_draft_without_a_valid_token(editor, headless, news, params, status, v3_status):
    client_query(edit_news(editor, news))

    for api, expected in (("/api/v2/page_preview/", status), ("/api/v3/page_preview/", v3_status)):
        answer = Client().get(api, params)
        assert answer.status_code == expected
        assert DRAFT_TITLE not in answer.content.decode()
        message = answer.json().get("message") or answer.json()["detail"]
        assert any("а" <= letter <= "я" for letter in message.lower())  # Russian


def test_a_token_for_another_content_type_is_refused(editor, headless, news):
    query = client_query(edit_news(editor, news))

    answer = Client().get("/api/v2/page_preview/", query | {"content_type": "home.standardpage"})

    assert answer.status_code == 403
    assert answer.json() == {"message": "Токен предпросмотра выдан для другого типа содержимого."}


def test_an_expired_token_is_refused(editor, headless, news, settings):
    with freeze_time("2026-12-01 10:00:00"):
        query = client_query(edit_news(editor, news))
    with freeze_time("2026-12-01 10:29:00"):
        assert Client().get("/api/v2/page_preview/", query).status_code == 200
    with freeze_time("2026-12-01 10:31:00"):
        answer = Client().get("/api/v2/page_preview/", query)
        v3 = Client().get("/api/v3/page_preview/", query)

    assert answer.status_code == v3.status_code == 403
    assert "истёк" in answer.json()["message"]
    assert DRAFT_TITLE not in answer.content.decode() + v3.content.decode()


def test_each_render_updates_one_row_and_expired_rows_are_deleted(editor, headless, news):
    with freeze_time("2026-12-01 10:00:00"):
        client_query(edit_news(editor, news, title="Первая правка"))
        client_query(edit_news(editor, news, title="Вторая правка"))
        assert PreviewSnapshot.objects.count() == 1
    with freeze_time("2026-12-01 11:00:00"):
        query = client_query(edit_news(editor, news, title="Третья правка"))
        assert PreviewSnapshot.objects.count() == 1
        assert Client().get("/api/v2/page_preview/", query).json()["title"] == "Третья правка"


def test_without_a_client_the_preview_renders_the_site_templates(editor, news):
    response = edit_news(editor, news)

    assert response.status_code == 200
    assert DRAFT_TITLE in response.content.decode()
    assert PreviewSnapshot.objects.count() == 0


def test_the_preview_can_frame_the_client_in_an_admin_page(editor, headless, news, settings):
    settings.HEADLESS_PREVIEW_REDIRECT = False

    response = edit_news(editor, news)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<iframe src="{CLIENT}?content_type=news.newspage&amp;token=' in html
    assert "http://127.0.0.1:8230" in response["Content-Security-Policy"]


def test_a_client_per_site_hostname(editor, settings, news):
    settings.HEADLESS_PREVIEW_CLIENT_URLS = {
        "default": "https://elsewhere.example.org/",
        "testserver": "https://front.example.org/draft/?lang=ru",
    }

    location = edit_news(editor, news)["Location"]

    assert location.startswith("https://front.example.org/draft/?lang=ru&content_type=")


def test_slide_draft_preview_has_the_slides_endpoint_shape(editor, headless, home):
    slide = make_slide("Живой слайд")
    url = reverse("wagtailsnippets_cms_slide:preview_on_edit", args=[slide.pk])
    data = slide_form(title="Черновик слайда", image=slide.image_id)

    query = client_query(preview(editor, url, data))

    assert query["content_type"] == "cms.slide"
    draft = Client().get("/api/v2/page_preview/", query).json()
    live = Client().get(f"/api/v2/slides/{slide.pk}/").json()
    assert draft["title"] == "Черновик слайда" and live["title"] == "Живой слайд"
    assert set(draft) == set(live)
    v3 = Client().get("/api/v3/page_preview/", query).json()
    assert v3["title"] == "Черновик слайда"
    assert set(v3) == set(Client().get(f"/api/v3/slides/{slide.pk}/").json())


def test_partner_draft_preview_has_the_partners_endpoint_shape(editor, headless, directory):
    partner = make_partner("Живой партнёр")
    url = reverse("wagtailsnippets_partners_partner:preview_on_edit", args=[partner.pk])
    data = partner_form(short_name="Черновик партнёра", slug=partner.slug)

    query = client_query(preview(editor, url, data))

    assert query["content_type"] == "partners.partner"
    draft = Client().get("/api/v2/page_preview/", query).json()
    live = Client().get(f"/api/v2/partners/{partner.pk}/").json()
    assert draft["short_name"] == "Черновик партнёра"
    assert set(draft) == set(live)
    v3 = Client().get("/api/v3/page_preview/", query).json()
    assert v3["short_name"] == "Черновик партнёра"


def test_v3_version_draft_needs_a_token_of_an_editor_of_the_page(
    news, admin_user, django_user_model
):
    news.title = DRAFT_TITLE
    news.save_revision()
    _, editor_token = APIToken.create_token(user=admin_user, name="Клиент предпросмотра")
    reader = django_user_model.objects.create_user("reader", "reader@example.org", "x")
    _, reader_token = APIToken.create_token(user=reader, name="Читатель")
    url = f"/api/v3/pages/{news.pk}/?version=draft"

    assert Client().get(url).json()["title"] == "Выставка открыта"  # anonymous: the live page
    signed_in = Client()
    signed_in.force_login(admin_user)  # a session is not a token: still the live page
    assert signed_in.get(url).json()["title"] == "Выставка открыта"
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {reader_token}").status_code == 404
    answer = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {editor_token}")
    assert answer.json()["title"] == DRAFT_TITLE


def test_preview_of_a_news_item_not_saved_yet(editor, headless, news_index):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("news", "newspage", news_index.pk))
    data = news_form(make_image("Витрина"), title=DRAFT_TITLE, slug="novaya")

    query = client_query(preview(editor, url, data))

    answer = Client().get("/api/v2/page_preview/", query)
    assert answer.status_code == 200, answer.content
    assert answer.json()["title"] == DRAFT_TITLE


def previewed(obj, user, **changes):
    """What the admin's Preview answers for the object with these unsaved changes."""
    for name, value in changes.items():
        setattr(obj, name, value)
    request = RequestFactory().get("/admin/", HTTP_HOST="testserver")
    request.user = user
    return obj.make_preview_request(request, obj.default_preview_mode)


@pytest.mark.parametrize(
    ("kind", "endpoint"),
    [
        ("home", "pages"),
        ("standard_page", "pages"),
        ("feedback_page", "pages"),
        ("news_index", "pages"),
        ("directory", "pages"),
        ("promo", "promos"),
    ],
)
def test_every_page_type_and_previewable_snippet_previews_in_the_client(
    headless, admin_user, wagtail_roots, request, kind, endpoint
):
    obj = {
        "feedback_page": lambda: make_feedback_page(request.getfixturevalue("home")),
        "promo": lambda: make_promo("Живой промоблок"),
    }.get(kind, lambda: request.getfixturevalue(kind))()
    title = f"Черновик: {kind}"

    response = previewed(obj.specific if hasattr(obj, "specific") else obj, admin_user, title=title)

    query = client_query(response)
    assert query["content_type"] == f"{obj._meta.app_label}.{obj._meta.model_name}"
    for api in ("/api/v2/page_preview/", "/api/v3/page_preview/"):
        draft = Client().get(api, query).json()
        assert draft["title"] == title
    live = Client().get(f"/api/v2/{endpoint}/{obj.pk}/").json()
    assert set(Client().get("/api/v2/page_preview/", query).json()) == set(live)
    assert title not in Client().get(f"/api/v2/{endpoint}/{obj.pk}/").content.decode()


def test_client_urls_from_the_environment():
    entries = ["kemrsl.ru=https://kemrsl.ru/preview/", "https://front.example.org/p/?lang=ru"]

    urls = headless_preview_client_urls(entries)

    assert urls == {
        "kemrsl.ru": "https://kemrsl.ru/preview/",
        "default": "https://front.example.org/p/?lang=ru",
    }
    assert client_origins(urls) == ["https://kemrsl.ru", "https://front.example.org"]
    with pytest.raises(ImproperlyConfigured, match="is not an http"):
        headless_preview_client_urls(["front.example.org"])
