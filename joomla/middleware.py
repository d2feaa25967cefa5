"""Old addresses of the Joomla site that Wagtail's redirects cannot match as they come.

- index.php?option=com_content&view=article&id=12:alias&catid=3&Itemid=101 …: Wagtail's
  RedirectMiddleware matches a query string exactly (parameters sorted), while Joomla wrote
  one article's address with many extra parameters. The import stores one redirect per
  article and category for the plain form (joomla.addresses.query_address); this finds it for
  any other spelling.
- /novosti/12-alias.html: Joomla's optional SEF suffix; the redirect is stored without it.
"""

from django import http

from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

from .addresses import query_address

SUFFIX = ".html"


class JoomlaQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        redirect = None
        if request.path in ("/index.php", "/index.php/"):
            old_path = query_address(request.GET)
            if old_path is not None:
                redirect = get_redirect(request, Redirect.normalise_path(old_path))
        elif request.path.endswith(SUFFIX):
            path = request.get_full_path(force_append_slash=False).split("?", 1)[0]
            old_path = Redirect.normalise_path(path.removesuffix(SUFFIX), decode_unicode=False)
            redirect = get_redirect(request, old_path)
        if redirect is None or redirect.link is None:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(redirect.link)
        return http.HttpResponseRedirect(redirect.link)
