"""An editor previews drafts in an external front end (cms.preview): the admin's preview
panel shows the reference client (docs/client/), served by the test from another origin, which
reads the draft from the API with the token the Preview gave it and draws it with its live
renderers. Without the token, nobody sees the draft."""

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from django.contrib.auth import get_user_model
from django.test import RequestFactory

from cms.models import Slide
from home.models import HomePage, StandardPage
from news.models import NewsPage
from tooling.chromium import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIENT = Path(__file__).resolve().parents[2] / "docs" / "client"
DRAFT_TITLE = "Черновик: библиотека готовит летние чтения"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def preview_client(live_server, settings):
    """The reference client on a port of its own, registered as the preview client with its
    own query string (`?api=`), as README's recipe for `make run` registers it."""
    handler = functools.partial(QuietHandler, directory=str(CLIENT))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_port}"
    client_url = f"{origin}/index.html?api={live_server.url}/api/v2/"
    settings.HEADLESS_PREVIEW_CLIENT_URLS = {"default": client_url}
    settings.CORS_ALLOWED_ORIGINS = [origin]
    yield client_url
    server.shutdown()
    server.server_close()


def shown(tab):
    wait_until(tab, "document.getElementById('main').getAttribute('aria-busy') === 'false'")
    return tab


def test_editor_sees_the_draft_in_the_external_front_end(
    live_server, demo_site, preview_client, open_page, screenshot
):
    get_user_model().objects.create_superuser("redaktor", "r@example.org", "пароль-123")
    news = NewsPage.objects.live().order_by("pk").first()
    live_title = news.title

    admin = open_page(width=1600)
    admin.goto(live_server.url + "/admin/login/")
    admin.locator("input[name=username]").fill("redaktor")
    admin.locator("input[name=password]").fill("пароль-123")
    admin.locator("button[type=submit]").click()
    admin.wait_for_url("**/admin/")
    admin.goto(live_server.url + f"/admin/pages/{news.pk}/edit/")
    admin.locator("#id_title").fill(DRAFT_TITLE)
    admin.get_by_role("button", name="Сохранить черновик").click()
    admin.wait_for_url(f"**/admin/pages/{news.pk}/edit/")
    admin.locator('button[data-side-panel-toggle="preview"]').click()

    client_frame = None

    def client_shows_draft():
        nonlocal client_frame
        for frame in admin.frames:
            if frame.url.startswith(preview_client) and frame.locator("main h1").count():
                if frame.locator("main h1").inner_text() == DRAFT_TITLE:
                    client_frame = frame
                    return True
        return False

    admin.wait_for_function("() => true")  # let the panel start loading
    for _ in range(100):
        if client_shows_draft():
            break
        admin.wait_for_timeout(100)
    assert client_frame is not None, [frame.url for frame in admin.frames]
    assert "&content_type=news.newspage&token=" in client_frame.url
    assert "in_preview_panel=true" in client_frame.url
    # The news renderer of the live page drew it, under the banner.
    assert client_frame.locator("[data-preview-banner]").inner_text() == "Предпросмотр черновика"
    assert client_frame.locator(".article .lead").inner_text() == news.lead
    assert client_frame.locator(".article__body .rich-text").count() >= 1
    assert client_frame.locator("#comments").count() == 0
    path = screenshot(admin, "headless-preview-panel")
    shutil.copy(path, "/tmp/client-preview.png")

    # A reader, another service, a guesser: no token, no draft.
    reader = open_page().request
    preview_api = f"{live_server.url}/api/v2/page_preview/?content_type=news.newspage"
    refusals = {
        "": reader.get(preview_api),
        "forged": reader.get(preview_api + "&token=" + quote("eyJpZCI6MX0:1vQ:forged")),
        "v3": reader.get(f"{live_server.url}/api/v3/page_preview/?content_type=news.newspage"),
    }
    assert {name: answer.status for name, answer in refusals.items()} == {
        "": 400,
        "forged": 403,
        "v3": 422,
    }
    answers = [answer.text() for answer in refusals.values()]
    for url in (
        f"/api/v2/pages/{news.pk}/",
        "/api/v2/pages/?type=news.NewsPage&fields=lead&limit=20",
        f"/api/v2/pages/?search={quote('летние чтения')}",
        f"/api/v3/pages/{news.pk}/",
        f"/api/v3/pages/{news.pk}/?version=draft",
        news.url,
        f"/search/?q={quote('летние чтения')}",
    ):
        answer = reader.get(live_server.url + url)
        assert answer.status == 200, url
        answers.append(answer.text())
    assert live_title in answers[3]
    assert not [text for text in answers if DRAFT_TITLE in text]


def previewed_url(obj, user, **changes):
    """Where the admin's Preview sends the editor for the object with these unsaved changes."""
    for name, value in changes.items():
        setattr(obj, name, value)
    request = RequestFactory().get("/admin/", HTTP_HOST="localhost")
    request.user = user
    response = obj.make_preview_request(request, obj.default_preview_mode)
    assert response.status_code == 302, response.content.decode()[:300]
    return response["Location"]


def test_the_client_previews_each_kind_of_draft_with_its_live_renderer(
    live_server, demo_site, preview_client, open_page
):
    editor = get_user_model().objects.create_superuser("redaktor", "r@example.org", "пароль-123")
    home = HomePage.objects.get()
    about = StandardPage.objects.live().first()
    about_title = about.title
    slide = Slide.objects.order_by("pk").first()
    tab = open_page()

    tab.goto(previewed_url(home, editor, intro="Черновик вступления главной"))
    shown(tab)
    assert tab.locator(".intro").inner_text() == "Черновик вступления главной"
    assert tab.locator("[data-section=news] .news-card").count() > 0  # the sections, as live
    assert tab.locator("[data-preview-banner]").is_visible()

    tab.goto(previewed_url(about, editor, title="Черновик страницы", lead="Новый лид"))
    shown(tab)
    assert tab.locator("main h1").inner_text() == "Черновик страницы"
    assert tab.locator(".article .lead").inner_text() == "Новый лид"
    assert tab.locator("[data-preview-banner]").is_visible()

    tab.goto(previewed_url(slide, editor, title="Черновик слайда"))
    shown(tab)
    assert tab.locator(".slide__title").inner_text() == "Черновик слайда"

    # The live standard page by its id, through the same renderer.
    tab.goto(preview_client + f"#/pages/{about.pk}")
    shown(tab)
    assert tab.locator("main h1").inner_text() == about_title
    assert tab.locator("[data-preview-banner]").count() == 0

    # A forged token: the API's Russian refusal, never a draft.
    tab.goto(preview_client + "&content_type=news.newspage&token=" + quote("eyJpZCI6MX0:1vQ:x"))
    shown(tab)
    assert tab.locator("[data-load-error]").inner_text() == "Недействительный токен предпросмотра."
    assert tab.locator("[data-preview-banner]").is_visible()
