"""The preview clients of HEADLESS_PREVIEW_CLIENT_URLS, read from the environment."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def checked_url(url, name="HEADLESS_PREVIEW_CLIENT_URLS"):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"{name}: {url!r} is not an http(s) address.")
    return url


def headless_preview_client_urls(entries):
    """{"default" or site hostname: client URL} from "URL" and "hostname=URL" entries."""
    urls = {}
    for entry in entries:
        hostname, equals, url = entry.partition("=")
        if equals and "://" not in hostname:
            urls[hostname.strip()] = checked_url(url.strip())
        else:  # a URL alone, whose query may have "=" in it
            urls["default"] = checked_url(entry.strip())
    return urls


def client_origins(client_urls):
    """The origins ("https://front.example.org") the preview clients are served from."""
    origins = []
    for url in client_urls.values():
        parts = urlsplit(url)
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return list(dict.fromkeys(origins))
