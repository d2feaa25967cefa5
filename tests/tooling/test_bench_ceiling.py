"""The benchmark's ceiling: a bare Django project of its own, served by gunicorn like the site."""

from http.client import HTTPConnection

from tooling.bench.targets import CEILING_APP, CEILING_PATH
from tooling.gunicorn import Gunicorn, free_ports


def test_the_ceiling_answers_a_few_bytes_through_startprojects_middleware_alone(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": CEILING_APP, "PATH": "/usr/bin:/bin"}
    (port,) = free_ports(range(8390, 8440), 1)
    with Gunicorn(env, port, 1, tmp_path / "gunicorn.log", CEILING_PATH, app=CEILING_APP):
        connection = HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", CEILING_PATH)
        response = connection.getresponse()
        body = response.read()
    assert (response.status, body) == (200, b"ok")
    # SecurityMiddleware and XFrameOptionsMiddleware answer; none of the site's runs (no CSP,
    # no page cache header, no session or CSRF cookie).
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    for header in ("Content-Security-Policy", "X-Page-Cache", "Set-Cookie", "Vary"):
        assert response.getheader(header) is None, header
