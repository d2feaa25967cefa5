"""Content-Security-Policy and Permissions-Policy on every response (cms.csp, settings)."""

import re
from html.parser import HTMLParser

import pytest

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from wagtail.models import Site

from cms.csp import ContentSecurityPolicyMiddleware
from cms.models import SiteSettings
from cms.pagecache import is_storable
from tests.conftest import load_demo, make_news

POS = "https://pos.gosuslugi.ru"


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def configure_pos_widget(widget_id="123456"):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.pos_widget_id = widget_id
    site_settings.save()


class InlineCode(HTMLParser):
    """Scripts without src, event-handler and style attributes, <style> elements.

    JSON data blocks (JSON-LD) are never run, and CSP leaves them alone."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        data_block = (names.get("type") or "").endswith("json")
        if tag == "script" and "src" not in names and not data_block:
            self.found.append(f"inline <script> {self.getpos()}")
        if tag == "style":
            self.found.append(f"<style> {self.getpos()}")
        for name in names:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=…> {self.getpos()}")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.mark.django_db
def test_readers_pages_allow_only_the_sites_own_scripts(home):
    directives = policy(Client().get("/"))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["connect-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]  # as X-Frame-Options: DENY
    assert directives["frame-src"] == ["'none'"]


@pytest.mark.django_db
def test_every_script_and_style_on_the_demo_site_is_a_file(settings):
    """What readers' policy (no 'unsafe-inline') would block, on every kind of page; with
    the Госуслуги widget configured, as its start-up call was an inline script."""
    load_demo()
    configure_pos_widget()
    reader = Client()
    news = reader.get("/novosti/").content.decode()
    article = re.search(r'href="(/novosti/[a-z0-9-]+/)"', news).group(1)
    paths = [
        "/",
        "/novosti/",
        article,
        "/biblioteki-partnyory/",
        "/o-biblioteke/",
        "/search/?q=библиотека",
        "/accounts/login/",
        "/accounts/signup/",
        "/vision/?enabled=1&next=/",
    ]
    feedback = re.search(
        r'href="(/[a-z0-9-]+/)"[^>]*>\s*Написать обращение', reader.get("/").content.decode()
    )
    paths.append(feedback.group(1))
    for path in paths:
        response = reader.get(path, follow=True)
        assert response.status_code == 200, path
        assert inline_code(response.content.decode()) == [], path
        assert "'unsafe-inline'" not in policy(response)["script-src"], path


@pytest.mark.parametrize("template", ["400.html", "413.html", "500.html", "503.html"])
def test_the_standalone_error_pages_style_themselves_from_a_file(template):
    html = render_to_string(template, {"message": "Некорректный запрос."})
    assert inline_code(html) == []
    assert "css/error.css" in html


@pytest.mark.django_db
def test_a_refused_request_carries_the_readers_policy(home):
    response = Client().get("/search/?q=%00")
    assert response.status_code == 400
    assert policy(response)["style-src"] == ["'self'"]
    assert "css/error.css" in response.content.decode()


@pytest.mark.django_db
def test_the_pos_widget_origin_is_allowed_only_where_the_widget_is(home, news_index):
    assert POS not in Client().get("/")["Content-Security-Policy"]
    configure_pos_widget()
    article = make_news(news_index)
    directives = policy(Client().get("/"))
    for name in ("script-src", "frame-src", "img-src", "connect-src"):
        assert POS in directives[name], name
    assert directives["frame-src"] == [POS]  # 'none' gives way to the widget's frame
    assert "'unsafe-inline'" not in directives["script-src"]
    # News pages show the block (and the widget) after the comments unless told not to.
    assert POS in Client().get(article.url)["Content-Security-Policy"]
    assert POS not in Client().get(news_index.url)["Content-Security-Policy"]
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.decide_news_placement = "hidden"
    site_settings.save()
    assert POS not in Client().get(article.url)["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache_on")
def test_a_cached_page_keeps_its_own_policy(home):
    configure_pos_widget()
    first = Client().get("/")
    again = Client().get("/")
    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    assert policy(again) == policy(first)
    assert POS in policy(again)["script-src"]


def test_a_page_whose_policy_has_a_nonce_is_not_stored_for_others():
    request = RequestFactory().get("/")
    response = HttpResponse("<p>Страница</p>")
    response["Content-Security-Policy"] = "script-src 'self'"
    assert is_storable(request, response)
    response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
    assert not is_storable(request, response)


@pytest.mark.django_db
def test_the_admin_allows_inline_scripts_from_its_own_origin_only(editor, home):
    directives = policy(editor.get("/admin/"))
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert "blob:" in directives["img-src"]
    assert directives["frame-src"] == ["'self'"]  # the preview panel
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.parametrize(
    ("x_frame_options", "ancestors"), [("DENY", ["'none'"]), ("SAMEORIGIN", ["'self'"])]
)
def test_frame_ancestors_say_what_x_frame_options_says(x_frame_options, ancestors):
    """Wagtail's preview views answer SAMEORIGIN for the editor's preview iframe."""

    def view(request):
        response = HttpResponse("<p>Предпросмотр</p>")
        response["X-Frame-Options"] = x_frame_options
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/admin/preview/"))
    assert policy(response)["frame-ancestors"] == ancestors


def test_wagtails_preview_of_a_page_may_be_framed_by_the_admin():
    """Wagtail renders a preview through the middleware again, for the page's own URL, and
    marks that request; its preview view sets SAMEORIGIN only after the policy is written."""

    def serve_preview(request):
        request.is_preview = True
        return HttpResponse("<h1>Черновик</h1>")

    response = ContentSecurityPolicyMiddleware(serve_preview)(RequestFactory().get("/novosti/"))
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert policy(response)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_browsable_api_may_style_its_pages_but_run_only_files(home):
    directives = policy(Client().get("/api/v2/pages/", headers={"Accept": "text/html"}))
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_files_from_other_origins_are_allowed_as_what_they_are(settings, home):
    settings.MEDIA_URL = "https://media.example.org/kemrsl/"
    settings.STATIC_URL = "https://static.example.org/"
    directives = policy(Client().get("/"))
    assert "https://media.example.org" in directives["img-src"]
    assert "https://media.example.org" not in directives["script-src"]
    assert "https://static.example.org" in directives["script-src"]
    assert "https://static.example.org" in directives["style-src"]


@pytest.mark.django_db
def test_responses_made_before_any_view_carry_the_policy_too(home):
    refused = Client().get("/api/v2/pages/?search=%00")  # the API input guard
    assert refused.status_code == 400
    assert policy(refused)["script-src"] == ["'self'"]
    redirect = Client().get("/novosti")  # APPEND_SLASH
    assert redirect.status_code == 301
    assert "Content-Security-Policy" in redirect


@pytest.mark.django_db
def test_a_not_modified_answer_leaves_the_browsers_stored_policy_alone(home):
    page = Client().get("/")
    again = Client().get("/", headers={"If-None-Match": page["ETag"]})
    assert again.status_code == 304
    assert "Content-Security-Policy" not in again


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/", "/api/v2/pages/"])
def test_permissions_policy_allows_geolocation_to_the_site_only(home, path):
    header = Client().get(path)["Permissions-Policy"]
    features = dict(item.split("=") for item in header.split(", "))
    assert features["geolocation"] == "(self)"
    for feature in ("camera", "microphone", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()", feature
    assert all(value == "()" for name, value in features.items() if name != "geolocation")
