"""Serving a page without walking the tree to it: Wagtail routes each request from the site's
root, a query per level of the address and one more for each page's specific row (five for a
news item). This process remembers where each address it served led, and the next request
for it loads that page in one query, checked to be still live and still at that address
before Wagtail gets it as the request's route (`request._wagtail_route_for_request`, which
Wagtail's own `route_for_request` reads first).

The site a request's host and port name is remembered the same way (Wagtail finds it with a
query whose CASE per rule was the costliest to build of a page's), each request getting its
own copy of the row; so are the sites' root paths, which every link to a page needs (Wagtail
keeps them in the shared cache: a round trip per request).

Only plain routes are remembered (a page, no sub-route arguments: a routable page's own views
are Wagtail's to find), and only while the tree is as it was: a move or a slug change bumps
EVERYTHING, a change to the upper levels MENU (cms.invalidation), so a page moved in under
the same address, below a routable page say, is routed afresh. Without the versions (the
cache is down) nothing is remembered or used.
"""

import copy

from django.contrib.contenttypes.models import ContentType
from django.http.request import split_domain_port

from wagtail import views as wagtail_views
from wagtail.url_routing import RouteResult

from cms import cachetags

# Dropped whole when full: addresses are as many as readers care to type.
REMEMBERED_LIMIT = 10_000
remembered = {}  # (site id, path) -> (page id, content type id, the tree's version)
# (hostname, port) -> (the site's row without its root page, or None; its root page's
# url_path; the version of EVERYTHING)
known_sites = {}
root_paths_seen = {}  # Site.get_site_root_paths() (cachetags.kept_per_change)


def serve(request, path):
    """Wagtail's serve view, with the route of an address this process served before."""
    site_id, page = remembered_page(request, path)
    request._wagtail_cached_site_root_paths = site_root_paths(request)  # Wagtail looks there
    if page is not None:
        request._wagtail_route_for_request = RouteResult(page)
    try:
        return wagtail_views.serve(request, path)
    finally:
        if site_id is not None and page is None:
            remember(request, site_id, path)


def remembered_page(request, path):
    """(site id, the page the address led to, loaded and still there) or (site id, None)."""
    site, root_path = find_site(request)
    if site is None:
        return None, None
    entry = remembered.get((site.pk, path))
    if entry is None:
        return site.pk, None
    page_id, content_type_id, tree_version = entry
    if tree_version is None or tree_version != tree_version_of(request):
        return site.pk, None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id).first() if model else None
    if page is None or not page.live or page.url_path != root_path + path:
        return site.pk, None
    return site.pk, page


def find_site(request):
    """(Site.find_for_request(request), its root page's url_path), the lookup kept per host
    and port while no site changed and no page moved (either bumps EVERYTHING)."""
    from wagtail.models import Site  # noqa: PLC0415 - the URLconf imports this before apps

    key = (split_domain_port(request._get_raw_host())[0], request.get_port())  # as Wagtail
    version = cachetags.versions_for(request, ())[cachetags.EVERYTHING]
    site, root_path, known_version = known_sites.get(key, (None, None, None))
    if version is not None and known_version == version and not hasattr(request, "_wagtail_site"):
        request._wagtail_site = copy.copy(site)  # Django's copy shares no state with the row
        return request._wagtail_site, root_path
    site = Site.find_for_request(request)
    root_path = site.root_page.url_path if site else None
    if len(known_sites) >= REMEMBERED_LIMIT:
        known_sites.clear()
    row = copy.copy(site)
    if row is not None:
        row._state.fields_cache = {}  # its root page is read again where it is needed
    known_sites[key] = (row, root_path, version)
    return site, root_path


def site_root_paths(request):
    """Site.get_site_root_paths(), kept while no site changed and no page moved (either
    bumps EVERYTHING)."""
    from wagtail.models import Site  # noqa: PLC0415 - the URLconf imports this before apps

    return cachetags.kept_per_change(root_paths_seen, None, Site.get_site_root_paths, request)


def remember(request, site_id, path):
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is None or route.args or route.kwargs:
        return
    if len(remembered) >= REMEMBERED_LIMIT:
        remembered.clear()
    page = route.page
    remembered[(site_id, path)] = (page.pk, page.content_type_id, tree_version_of(request))


def tree_version_of(request):
    versions = cachetags.versions_for(request, [cachetags.MENU])
    return None if None in versions.values() else cachetags.fingerprint(versions)
