"""The public API's caching headers (refused input: cms.input_guard)."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class APICacheHeadersMiddleware:
    """Successful anonymous GETs of /api/ may be cached briefly by clients and proxies.

    ConditionalGetMiddleware (after this one in MIDDLEWARE, so it runs first on the way
    out) adds the ETag and answers If-None-Match with 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not request.user.is_authenticated
            and "Authorization" not in request.headers
            # A view's own "private" (a draft preview, cms.preview) is never made public.
            and "private" not in response.get("Cache-Control", "")
        ):
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
            patch_vary_headers(response, ["Accept", "Origin"])
        return response
