"""The public API's HTTP edges: refusing unusable input, caching headers."""

from django.conf import settings
from django.http import JsonResponse
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
        ):
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
            patch_vary_headers(response, ["Accept", "Origin"])
        return response


# Larger offsets and limits overflow SQLite's and PostgreSQL's 64-bit integers (a 500).
MAX_PAGINATION_VALUE = 10**9


class APIInputGuardMiddleware:
    """API input no endpoint can use gets a 4xx before any database sees it: null
    characters, pagination numbers too large for the database's integers, and JSON bodies
    larger than Django would read."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        if any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            return JsonResponse({"message": "null characters are not allowed"}, status=400)
        for name in ("limit", "offset"):
            value = request.GET.get(name, "")
            if value.lstrip("-").isdigit() and abs(int(value)) > MAX_PAGINATION_VALUE:
                return JsonResponse({"message": f"{name} is too large"}, status=400)
        if json_body_too_large(request):
            return JsonResponse({"message": "Слишком большой запрос."}, status=413)
        return self.get_response(request)


def json_body_too_large(request):
    # DRF reads a JSON body from the stream itself, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
    if request.content_type != "application/json":
        return False
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
