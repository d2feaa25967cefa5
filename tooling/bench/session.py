"""A signed-in reader for the benchmark: a real account and a real session in the bench database,
so the page cache never serves its requests (cms.pagecache serves anonymous readers only)."""

import http.client
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

READER = {"username": "bench-reader", "email": "bench-reader@example.org"}
READER_NAMES = {"first_name": "Читатель", "last_name": "Бенчмарка"}


def bench_reader():
    """The bench's reader account (a plain reader: no staff, no permissions), made once."""
    reader, created = get_user_model().objects.get_or_create(
        username=READER["username"], defaults={"email": READER["email"], **READER_NAMES}
    )
    if created:
        reader.set_unusable_password()
        reader.save()
    return reader


def signed_in_client(host="127.0.0.1"):
    """A test client logged in as the bench reader: the session is stored by the site's session
    engine in the bench database, as a sign-in through the site would store it."""
    client = Client(SERVER_NAME=host)
    client.force_login(bench_reader())
    return client


def session_cookie(client):
    """`name=value` of the client's session cookie, for wrk's `Cookie` header."""
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def shows_the_reader(base_url, path, cookie):
    """Whether the page, requested with `cookie`, greets the bench reader by name: the session
    is valid on that server (any session cookie keeps the page cache away, even a dead one)."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        html = connection.getresponse().read().decode()
    finally:
        connection.close()
    return f"{READER_NAMES['first_name']} {READER_NAMES['last_name']}" in html
