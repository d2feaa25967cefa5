"""A sign-in through a provider at the HTTP level: the Django test client for the site, the
stand-in's real HTTP for the provider, following the redirects between them by hand."""

from urllib.parse import urlsplit

import requests


def local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def start(client, provider, **data):
    """POST the button's form; the site sends the browser to the provider."""
    response = client.post(f"/accounts/{provider}/login/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def at_provider(url):
    """The browser at the provider (its consent answered by the stand-in's `consent`):
    where the provider sends it back."""
    response = requests.get(url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def back_at_site(client, url):
    """The provider's redirect back to the site; for Telegram, the callback page's script
    posting the #fragment."""
    address, _, fragment = url.partition("#")
    response = client.get(local(address))
    if fragment:
        assert response.status_code == 200
        name, _, value = fragment.partition("=")
        response = client.post(local(address), {name: value})
    return response


def sign_in(client, provider, **data):
    return back_at_site(client, at_provider(start(client, provider, **data)))


def follow(client, response, limit=5):
    """Follow the site's own redirects."""
    while response.status_code == 302 and limit:
        response = client.get(response["Location"])
        limit -= 1
    return response


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")
