"""A «Войти с помощью» button reaches the provider from a cached news page, by keyboard.

Chromium applies the page's form-action to the redirect that answers the form's POST, so
the policy of a page with the buttons must name the providers' origins (readers.sign_in).
The provider here is a tiny HTTP server on another origin that SOCIAL_PROVIDER_ENDPOINTS
points VK ID's authorize page at; it only records the visit."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.readers.sign_in_helpers import CREDENTIALS, add_app

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_PATH = "/novosti/biblioteka-zaklyuchila-novoe-soglashenie-o-professionalnom-sotrudnichestve/"


class AuthorizePage(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.visits.append(self.path)
        body = "<!DOCTYPE html><title>Провайдер</title><p>Вход у провайдера</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def authorize_page():
    server = ThreadingHTTPServer(("127.0.0.1", 0), AuthorizePage)
    server.visits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_vk_button_of_a_cached_page_takes_the_reader_to_the_provider(
    live_server, demo_site, open_page, settings, authorize_page
):
    origin = f"http://127.0.0.1:{authorize_page.server_port}"
    settings.SOCIAL_PROVIDER_ENDPOINTS = {"vk": {"authorize": f"{origin}/authorize"}}
    add_app("vk")
    tab = open_page(width=1280)
    tab.goto(live_server.url + SEED_PATH)
    response = tab.reload()  # the page cache's copy, with this reader's token put in
    assert response.header_value("x-page-cache") == "hit"

    button = tab.get_by_role("button", name="Войти через VK ID")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    button.focus()
    outline = button.evaluate(
        "b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth"
    )
    assert outline.startswith("solid") and float(outline.split()[1].removesuffix("px")) >= 2
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"{origin}/authorize?**")

    (visit,) = authorize_page.visits
    query = parse_qs(urlsplit(visit).query)
    assert query["client_id"] == [CREDENTIALS["vk"]["client_id"]]
    assert query["redirect_uri"][0] == f"{live_server.url}/accounts/vk/login/callback/"
    assert query["state"] and query["code_challenge"]
