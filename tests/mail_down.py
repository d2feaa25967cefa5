"""A mail server that is down, for the tests that check nothing is lost without it: the site's
real SMTP backend pointed at a port that refuses connections, or at one that accepts them and
never says a word (a hung server: only EMAIL_TIMEOUT ends the wait)."""

import socket

import pytest

EMAIL_TIMEOUT = 1  # seconds; production's own is longer (cms/settings/production.py)


@pytest.fixture(params=["refused", "silent"])
def mail_server_down(request, settings):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        if request.param == "silent":
            server.listen()  # the kernel completes the handshake; nobody ever answers
        settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.getsockname()
        settings.EMAIL_TIMEOUT = EMAIL_TIMEOUT
        yield request.param
