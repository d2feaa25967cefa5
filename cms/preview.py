"""Draft preview in an external front end: the protocol of wagtail-headless-preview.

When HEADLESS_PREVIEW_CLIENT_URLS names a client for the site, the admin's Preview of a page
or snippet sends the editor to `<client URL>?content_type=news.newspage&token=…` (with
`in_preview_panel=true` inside the editor's preview panel). The client asks
`/api/v2/page_preview/?content_type=…&token=…` for the draft and renders it as it renders
the live object. The token is signed with SECRET_KEY and expires after
HEADLESS_PREVIEW_TOKEN_SECONDS; it names a PreviewSnapshot (cms.models.preview), the draft as
the editor's form held it when Preview rendered, unsaved changes included.

The package itself (0.9.0) is not used: its mixin covers pages only (it reads
`self.content_type` and the parent page), its tokens never expire (only its rows are
collected, a day later), and the API endpoint is left to each project; see docs/api.md.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from wagtail.models import Site

SALT = "cms.preview.token"


class PreviewRefused(Exception):
    """A preview request the API answers with a 4xx and this Russian message."""

    def __init__(self, message, status=403):
        super().__init__(message)
        self.message, self.status = message, status


def content_type_name(model):
    """`app_label.modelname`, as wagtail-headless-preview names a model in the URL."""
    return f"{model._meta.app_label}.{model._meta.model_name}"


def client_url(site):
    """The preview client for the site (by hostname, else the default), or None."""
    urls = settings.HEADLESS_PREVIEW_CLIENT_URLS
    if site is not None and site.hostname in urls:
        return urls[site.hostname]
    return urls.get("default")


def site_of(obj, request):
    """The site a page belongs to; for a snippet, the site the admin was reached at."""
    get_site = getattr(obj, "get_site", None)
    site = get_site() if get_site is not None and obj.pk else None
    return site or Site.find_for_request(request)


def sign(snapshot_id, model):
    return signing.dumps({"id": snapshot_id, "type": content_type_name(model)}, salt=SALT)


def unsign(token, content_type):
    """The snapshot id a token names, if it is genuine, unexpired and for this content type."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.HEADLESS_PREVIEW_TOKEN_SECONDS)
    except signing.SignatureExpired:
        raise PreviewRefused(
            "Срок действия ссылки предпросмотра истёк: нажмите «Предпросмотр» в редакторе ещё раз."
        ) from None
    except signing.BadSignature:
        raise PreviewRefused("Недействительный токен предпросмотра.") from None
    if not isinstance(data, dict) or data.get("type") != content_type.lower():
        raise PreviewRefused("Токен предпросмотра выдан для другого типа содержимого.")
    return data["id"]


def preview_url(base_url, model, token, in_preview_panel):
    query = {"content_type": content_type_name(model), "token": token}
    if in_preview_panel:
        query["in_preview_panel"] = "true"
    return f"{base_url}{'&' if urlsplit(base_url).query else '?'}{urlencode(query)}"


def client_response(request, url):
    """Where the admin's preview goes: the client itself, or an admin page framing it."""
    if settings.HEADLESS_PREVIEW_REDIRECT:
        return HttpResponseRedirect(url)
    return TemplateResponse(request, "cms/preview/headless.html", {"preview_url": url})
