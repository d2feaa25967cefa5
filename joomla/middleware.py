"""The old site's query addresses (index.php?option=com_content&view=article&id=12:alias
&catid=3&Itemid=101 …) redirect as their plain form does.

Wagtail's RedirectMiddleware matches a query string exactly (its parameters sorted); Joomla
wrote the same article's address with many extra parameters. The import stores one redirect
per article and category for the plain form (joomla.addresses.query_address); this finds it
for any other spelling of the same address.
"""

from django import http

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from .addresses import query_address


class JoomlaQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.path not in ("/index.php", "/index.php/"):
            return response
        old_path = query_address(request.GET)
        if old_path is None:
            return response
        redirect = (
            Redirect.get_for_site(Site.find_for_request(request))
            .filter(old_path=Redirect.normalise_path(old_path))
            .select_related("redirect_page")
            .order_by("site_id")  # a site's own redirect before one for all sites
            .first()
        )
        if redirect is None or redirect.link is None:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(redirect.link)
        return http.HttpResponseRedirect(redirect.link)
