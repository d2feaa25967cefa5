"""deploy/nginx/kemrsl.conf in front of the site, as on the server: Debian's nginx runs the
shipped file (its paths and ports swapped, a self-signed certificate) before gunicorn with
production settings. Readers connect from loopback addresses of their own (127.0.0.2,
127.0.0.3), so nginx sees each one's address as it would a reader's. The figures go to
test-artifacts/nginx-proxy.txt.
"""

import gzip
import re
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from requests.adapters import HTTPAdapter

from cms.errors import API_MESSAGES
from cms.input_guard import TOO_LARGE
from tests.cms.site_load import feedback_fields
from tests.deploy.nginx import (
    HOST,
    SITE_CONF,
    Nginx,
    free_ports,
    nginx_binary,
    render_site_conf,
    self_signed_certificate,
)
from tests.test_redis_outage import HiddenFields
from tooling.gunicorn import Gunicorn
from tooling.production import ROOT, WITH_TOOLING, manage, migrate, production_env

READER, OTHER_READER = "127.0.0.2", "127.0.0.3"
SPOOFED = "203.0.113.9"  # an address a reader claims in a header
FEEDBACK_LIMIT = 2
EDITOR, PASSWORD = "redaktor", "Книги-и-чай-2026"
MIB = 1024 * 1024
ACME_TOKEN = "test-challenge-token"
REPORT = ROOT / "test-artifacts" / "nginx-proxy.txt"
STATIC_FILES = """
from django.core.management import call_command
call_command("collectstatic", interactive=False, verbosity=0)
call_command("render_error_pages", verbosity=0)
"""
CONTENT = """
from django.core.management import call_command
from tests.cms.restart_content import build
build({port})
call_command("createsuperuser", interactive=False, username="{editor}", email="r@example.org")
"""


@dataclass
class Site:
    root: Path  # stands for /srv/kemrsl
    nginx: Nginx
    https_port: int
    http_port: int
    certificate: Path

    def url(self, path, port=None):
        return f"https://127.0.0.1:{port or self.https_port}{path}"

    def logged(self, line, seconds=3):
        """Whether nginx's access log gets `line` (it is written as the answer ends)."""
        deadline = time.monotonic() + seconds
        while line not in self.nginx.access_log:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    REPORT.unlink(missing_ok=True)
    root = tmp_path_factory.mktemp("srv-kemrsl")
    http_port, https_port, app_port = free_ports(3)
    env = production_env(root) | {
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        # Production's own HTTPS policy: behind nginx the site must see HTTPS, or loop.
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "FEEDBACK_RATE_LIMIT": str(FEEDBACK_LIMIT),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    # One gunicorn worker counts the limits in its own memory, with no count of another run.
    env.pop("REDIS_URL", None)
    # The deploy's commands, in two processes that start Django once each: static files and
    # the error pages linking them need no database, so they are made while it is migrated.
    static = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v0", "-c", STATIC_FILES],
        cwd=ROOT, env=env | {"DJANGO_SETTINGS_MODULE": WITH_TOOLING},
    )  # fmt: skip
    try:
        migrate(env)
        manage(env, "shell", "-v0", "-c", CONTENT.format(port=app_port, editor=EDITOR))
    finally:
        assert static.wait() == 0

    certificate = self_signed_certificate(root / "letsencrypt")
    acme = root / "acme"
    (acme / ".well-known" / "acme-challenge").mkdir(parents=True)
    (acme / ".well-known" / "acme-challenge" / ACME_TOKEN).write_text(ACME_TOKEN)
    conf = render_site_conf(
        SITE_CONF.read_text(), site_root=root, acme_root=acme, cert_folder=certificate.parent,
        app_port=app_port, http_port=http_port, https_port=https_port,
    )  # fmt: skip
    with (
        Gunicorn(env, app_port, 1, root / "gunicorn.log"),
        Nginx(root / "nginx", conf, https_port) as nginx,
    ):
        yield Site(root, nginx, https_port, http_port, certificate)


class FromAddress(HTTPAdapter):
    """Connections from one loopback address: the reader nginx sees as $remote_addr."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs, source_address=(self.address, 0))


def reader(site, address=READER):
    session = requests.Session()
    for scheme in ("https://", "http://"):
        session.mount(scheme, FromAddress(address))
    # REQUESTS_CA_BUNDLE in the environment would win over `verify`; proxies would not do either.
    session.trust_env = False
    session.verify = str(site.certificate)
    session.headers["Host"] = HOST
    return session


def report(line):
    REPORT.parent.mkdir(exist_ok=True)
    with REPORT.open("a") as out:
        out.write(line + "\n")


def page_of_type(site, page_type):
    """(id, path) of the first live page of `page_type`, through the API."""
    answer = reader(site).get(site.url(f"/api/v2/pages/?type={page_type}"))
    item = answer.json()["items"][0]
    return item["id"], re.sub(r"^https?://[^/]+", "", item["meta"]["html_url"])


def test_pages_and_api_answers_arrive_compressed(site):
    session = reader(site)
    plain = session.get(site.url("/"), headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert "Content-Encoding" not in plain.headers
    sizes = {"none": len(plain.content)}
    for encoding in ("gzip", "br"):
        answer = session.get(site.url("/"), headers={"Accept-Encoding": encoding}, stream=True)
        body = answer.raw.read(decode_content=False)
        assert answer.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in answer.headers["Vary"]
        sizes[encoding] = len(body)
        if encoding == "gzip":
            assert gzip.decompress(body).startswith(b'<!DOCTYPE html>\n<html lang="ru"')
    assert sizes["br"] < sizes["gzip"] < sizes["none"] / 2

    api = session.get(site.url("/api/v2/pages/"), headers={"Accept-Encoding": "gzip"}, stream=True)
    api_size = len(api.raw.read(decode_content=False))
    assert api.headers["Content-Type"] == "application/json"
    assert api.headers["Content-Encoding"] == "gzip"
    report(
        f"home page: {sizes['none']} bytes, gzip {sizes['gzip']} "
        f"({sizes['none'] / sizes['gzip']:.1f}×), brotli {sizes['br']} "
        f"({sizes['none'] / sizes['br']:.1f}×); API listing gzip {api_size} bytes"
    )


def test_the_site_sees_https_behind_nginx_and_plain_http_is_redirected(site):
    session = reader(site)
    home = session.get(site.url("/"), allow_redirects=False)
    # SECURE_SSL_REDIRECT is on: a site that missed X-Forwarded-Proto would redirect in a loop,
    # and it sends HSTS only over what it knows is HTTPS.
    assert home.status_code == 200
    assert home.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert home.headers["Server"] == "nginx"  # no version: server_tokens off

    plain = f"http://127.0.0.1:{site.http_port}"
    moved = session.get(f"{plain}/novosti/?page=2", allow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["Location"] == f"https://{HOST}/novosti/?page=2"
    challenge = session.get(f"{plain}/.well-known/acme-challenge/{ACME_TOKEN}")
    assert (challenge.status_code, challenge.text) == (200, ACME_TOKEN)


def test_the_rate_limit_counts_each_reader_by_the_address_nginx_saw(site):
    feedback_id, _ = page_of_type(site, "feedback.FeedbackFormPage")
    path = f"/api/v2/feedback/{feedback_id}/"

    def post(address, **headers):
        payload = feedback_fields("через nginx") | {"consent": True, "token": str(uuid.uuid4())}
        answer = reader(site, address).post(site.url(path), json=payload, headers=headers)
        return answer.status_code

    # Every request reaches gunicorn from nginx's 127.0.0.1: only the header tells readers apart.
    first = [post(READER) for _ in range(FEEDBACK_LIMIT + 1)]
    assert first == [201] * FEEDBACK_LIMIT + [429]
    assert post(OTHER_READER) == 201
    # What a reader claims is replaced by the address nginx saw: still the first reader's count.
    assert post(READER, **{"X-Real-IP": SPOOFED, "X-Forwarded-For": SPOOFED}) == 429
    # … and a claim that is not an address at all is not refused as one (the site's 400).
    assert post(READER, **{"X-Real-IP": "not-an-address"}) == 429
    report(
        f"rate limit ({FEEDBACK_LIMIT} requests): {READER} → {first}, {OTHER_READER} → 201, "
        f"{READER} claiming {SPOOFED} or a non-address → 429"
    )


def test_static_files_come_from_disk_with_immutable_cache_headers(site):
    session = reader(site)
    html = session.get(site.url("/")).text
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    hashed = session.get(site.url(css), headers={"Accept-Encoding": "gzip"}, stream=True)
    gzipped = len(hashed.raw.read(decode_content=False))
    assert hashed.status_code == 200
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert hashed.headers["Content-Encoding"] == "gzip"  # whitenoise's .gz beside the file
    assert hashed.headers["X-Content-Type-Options"] == "nosniff"
    assert site.logged(f'"GET {css} HTTP/1.1" 200 upstream=-')  # gunicorn never asked

    unhashed = session.get(site.url("/static/css/site.css"))
    assert unhashed.status_code == 200
    assert unhashed.headers["Cache-Control"] == "public, max-age=3600"
    report(
        f"static: {css} → {hashed.headers['Cache-Control']}, {len(unhashed.content)} bytes, "
        f"{gzipped} gzipped; unhashed name → max-age=3600"
    )


def test_media_files_have_long_cache_headers_and_documents_stay_behind_the_site(site):
    media = site.root / "media"
    (media / "original_images").mkdir(parents=True, exist_ok=True)
    (media / "original_images" / "probe.jpg").write_bytes(b"\xff\xd8\xff\xe0 not decoded")
    (media / "documents").mkdir(parents=True, exist_ok=True)
    (media / "documents" / "private.pdf").write_bytes(b"%PDF-1.4 private")
    session = reader(site)

    image = session.get(site.url("/media/original_images/probe.jpg"))
    assert image.status_code == 200
    assert image.headers["Cache-Control"] == "public, max-age=2592000"
    assert image.headers["Content-Type"] == "image/jpeg"
    assert site.logged('"GET /media/original_images/probe.jpg HTTP/1.1" 200 upstream=-')
    assert session.get(site.url("/media/documents/private.pdf")).status_code == 404


def sign_in(session, site):
    login = site.url("/admin/login/")
    fields = HiddenFields(session.get(login).text).fields
    answer = session.post(
        login, data=fields | {"username": EDITOR, "password": PASSWORD},
        headers={"Referer": f"https://{HOST}/admin/login/"}, allow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 302, answer.text[:500]


def test_the_largest_upload_the_site_takes_passes_nginx(site, settings):
    session = reader(site)
    sign_in(session, site)
    add = site.url("/admin/documents/add/")
    fields = HiddenFields(session.get(add).text).fields
    size = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE  # 20 MiB, the largest file an editor sends
    started = time.monotonic()
    answer = session.post(
        add, data=fields | {"title": "Годовой отчёт"},
        files={"file": ("godovoy-otchet.txt", b"x" * size, "text/plain")},
        headers={"Referer": f"https://{HOST}/admin/documents/add/"}, allow_redirects=False,
    )  # fmt: skip
    seconds = time.monotonic() - started
    assert answer.status_code == 302, answer.text[:1000]
    (stored,) = (site.root / "media" / "documents").glob("godovoy-otchet*.txt")
    assert stored.stat().st_size == size
    report(f"upload: a {size // MIB} MiB document through nginx → 302 in {seconds:.2f} s")


def test_a_request_over_the_limit_gets_the_sites_russian_413_page(site):
    _, news_path = page_of_type(site, "news.NewsPage")
    session = reader(site)
    photo = b"\xff\xd8" + b"x" * (21 * MIB)  # client_max_body_size 21m
    answer = session.post(site.url(news_path), files={"attachments": ("photo.jpg", photo)})
    assert answer.status_code == 413
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Слишком большой файл</h1>" in answer.text
    assert "до 3 файлов, каждый не больше 5 МБ" in answer.text
    assert site.logged(f'"POST {news_path} HTTP/1.1" 413 upstream=-')  # gunicorn never asked
    css = re.search(r'href="(/static/css/error\.[0-9a-f]{12}\.css)"', answer.text).group(1)
    assert session.get(site.url(css)).status_code == 200
    # The page is nginx's to give, not a reader's to open.
    assert session.get(site.url("/errors/413.html")).status_code == 404
    report(f"oversized upload: {len(photo)} bytes → 413, the site's page ({len(answer.content)} B)")


def test_an_api_request_over_the_limit_gets_the_apis_json_413(site):
    session = reader(site)
    body = b'{"comment": "' + b"x" * (21 * MIB) + b'"}'
    headers = {"Content-Type": "application/json"}
    v2 = session.post(site.url("/api/v2/comments/"), data=body, headers=headers)
    assert (v2.status_code, v2.headers["Content-Type"]) == (413, "application/json")
    assert v2.json() == {"message": TOO_LARGE}
    v3 = session.post(site.url("/api/v3/pages/"), data=body, headers=headers)
    assert (v3.status_code, v3.headers["Content-Type"]) == (413, "application/problem+json")
    assert (v3.json()["status"], v3.json()["detail"]) == (413, TOO_LARGE)


def test_with_the_app_server_down_readers_and_api_clients_get_the_sites_503(site, tmp_path):
    http_port, https_port, closed_port = free_ports(3)
    conf = render_site_conf(
        SITE_CONF.read_text(), site_root=site.root, acme_root=tmp_path,
        cert_folder=site.certificate.parent, app_port=closed_port,
        http_port=http_port, https_port=https_port,
    )  # fmt: skip
    session = reader(site)
    with Nginx(tmp_path / "nginx", conf, https_port):
        page = session.get(site.url("/", port=https_port))
        api = session.get(site.url("/api/v2/pages/", port=https_port))
    for answer in (page, api):
        assert answer.status_code == 503
        assert answer.headers["Retry-After"] == "30"
        assert answer.headers["Cache-Control"] == "no-store"
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Сайт ненадолго недоступен</h1>" in page.text
    assert api.headers["Content-Type"] == "application/json"
    assert api.json() == {"message": API_MESSAGES[503]}


def test_the_shipped_file_passes_nginx_t_under_debians_own_nginx_conf(tmp_path):
    """The file as it is installed, IPv6 listens included: only the certificate is the test's."""
    certificate = self_signed_certificate(tmp_path / "letsencrypt")
    site_conf = SITE_CONF.read_text().replace(
        "/etc/letsencrypt/live/kemrsl.ru", str(certificate.parent)
    )
    (tmp_path / "kemrsl.conf").write_text(site_conf)
    main = Path("/etc/nginx/nginx.conf").read_text()
    swaps = {
        "include /etc/nginx/sites-enabled/*;": f"include {tmp_path}/kemrsl.conf;",
        "pid /run/nginx.pid;": f"pid {tmp_path}/nginx.pid;",
        "error_log /var/log/nginx/error.log;": f"error_log {tmp_path}/error.log;",
        "access_log /var/log/nginx/access.log;": f"access_log {tmp_path}/access.log;",
    }
    for debian, test in swaps.items():
        assert debian in main
        main = main.replace(debian, test)
    (tmp_path / "nginx.conf").write_text(main)
    result = subprocess.run(
        [nginx_binary(), "-t", "-c", tmp_path / "nginx.conf", "-e", tmp_path / "error.log"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
