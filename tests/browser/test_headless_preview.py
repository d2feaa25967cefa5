"""An editor previews a news draft in an external front end (cms.preview): the admin's
preview panel shows a stand-in client, served by the test from another origin, which reads
the draft from the API with the token the Preview gave it. Without the token, nobody does."""

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from django.contrib.auth import get_user_model

from news.models import NewsPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLIENT_FILES = Path(__file__).with_name("preview_client")
DRAFT_TITLE = "Черновик: библиотека готовит летние чтения"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def preview_client(tmp_path, live_server, settings):
    """The stand-in front end on a port of its own, registered as the preview client."""
    shutil.copytree(CLIENT_FILES, tmp_path / "client")
    api_root = live_server.url
    (tmp_path / "client" / "config.js").write_text(f'export const API_ROOT = "{api_root}";\n')
    handler = functools.partial(QuietHandler, directory=str(tmp_path / "client"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_port}"
    settings.HEADLESS_PREVIEW_CLIENT_URLS = {"default": f"{origin}/index.html"}
    settings.CORS_ALLOWED_ORIGINS = [origin]
    yield origin
    server.shutdown()
    server.server_close()


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
            if frame.url.startswith(preview_client) and frame.locator("h1").count():
                if frame.locator("h1").inner_text() == DRAFT_TITLE:
                    client_frame = frame
                    return True
        return False

    admin.wait_for_function("() => true")  # let the panel start loading
    for _ in range(100):
        if client_shows_draft():
            break
        admin.wait_for_timeout(100)
    assert client_frame is not None, [frame.url for frame in admin.frames]
    assert "content_type=news.newspage" in client_frame.url
    assert "in_preview_panel=true" in client_frame.url
    assert client_frame.locator("#state").inner_text() == "Черновик (в редакторе)"
    path = screenshot(admin, "headless-preview-panel")
    shutil.copy(path, "/tmp/preview.png")

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
