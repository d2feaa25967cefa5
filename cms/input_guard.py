"""One guard for everything a reader sends (path, query, cookies, form fields, JSON, the
client-address header): input no page, form or endpoint can use is refused with a 400 (or
413) and a Russian message before any view, the page cache or a database sees it. JSON for
the API and JSON clients, a small HTML page for browsers."""

import json
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from wagtail.api.v3.errors import problem_response

from cms.ratelimit import client_ip

# Larger offsets and limits overflow SQLite's and PostgreSQL's 64-bit integers.
MAX_PAGINATION_VALUE = 10**9
# No form or endpoint takes JSON nested deeper; Python's parser gives up near 1,000 levels.
MAX_JSON_DEPTH = 32
# PostgreSQL text cannot hold NUL; a lone surrogate cannot be encoded as UTF-8 at all.
UNSTORABLE_CHARACTER = re.compile("[\x00\ud800-\udfff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

BAD_CHARACTERS = "Запрос содержит недопустимые символы (нулевой байт или неполный символ Юникода)."
BAD_CLIENT_ADDRESS = "Некорректный адрес клиента в заголовке запроса."
TOO_LARGE = "Слишком большой запрос."
BAD_SITE_FILTER = "Параметр site: укажите имя сайта или «имя:порт», где порт — число."
MAX_PORT_DIGITS = 9  # fits every database's integer (cms.api.openapi says so too)


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = unusable_input(request)
        if problem:
            message, status = problem
            return refusal(request, message, status)
        return self.get_response(request)


def unusable_input(request):
    """(Russian message, status) for input nothing on the site can use; None when fine."""
    if settings.CLIENT_IP_HEADER and request.META.get(settings.CLIENT_IP_HEADER):
        if not client_ip(request):
            return BAD_CLIENT_ADDRESS, 400
    if (
        has_unstorable_text(request.path)
        or has_unstorable_items(request.GET)
        or any(map(has_unstorable_text, request.COOKIES))
        or any(map(has_unstorable_text, request.COOKIES.values()))  # the session key, …
    ):
        return BAD_CHARACTERS, 400
    for name in ("limit", "offset"):
        value = request.GET.get(name, "")
        if value.lstrip("-").isdigit() and abs(int(value)) > MAX_PAGINATION_VALUE:
            return f"Параметр {name} слишком большой.", 400
    if not usable_site_filter(request.GET.get("site", "")):
        return BAD_SITE_FILTER, 400
    if request.content_type in FORM_TYPES and request.method == "POST":
        # Too large bodies and too many fields raise here, answered by handler400.
        if has_unstorable_items(request.POST) or any(
            has_unstorable_text(upload.name or "")
            for _, uploads in request.FILES.lists()
            for upload in uploads
        ):
            return BAD_CHARACTERS, 400
    if is_json(request.content_type):
        return unusable_json(request)
    return None


def usable_site_filter(value):
    """The APIs' `site` filter is a host name, or "host:port" with a port a database can
    hold (Wagtail's v3 find view looks the port up unchecked: a 500)."""
    if ":" not in value:
        return True
    port = value.split(":", 1)[1]
    return port.isascii() and port.isdecimal() and len(port) <= MAX_PORT_DIGITS


def has_unstorable_text(text):
    return UNSTORABLE_CHARACTER.search(text) is not None


def has_unstorable_items(query_dict):
    return any(
        has_unstorable_text(key) or any(has_unstorable_text(value) for value in values)
        for key, values in query_dict.lists()
    )


def is_json(content_type):
    return content_type == "application/json" or content_type.endswith("+json")


def unusable_json(request):
    # DRF reads a JSON body from the stream itself, past Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
    if body_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return TOO_LARGE, 413
    body = request.body
    if not body.strip():
        return None  # no data: the endpoint says what it needs
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "Тело запроса должно быть в кодировке UTF-8.", 400
    try:
        data = json.loads(text)
    except RecursionError:
        return too_deep()
    except ValueError:
        return "Тело запроса — некорректный JSON.", 400
    return json_problem(data)


def json_problem(data):
    """Walks the parsed document without recursion: depth and unstorable characters."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if has_unstorable_text(value):
                return BAD_CHARACTERS, 400
        elif isinstance(value, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                return too_deep()
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                pending.append((key, depth))  # an int index is skipped as a non-string
                pending.append((item, depth + 1))
    return None


def too_deep():
    return f"Слишком глубокая вложенность JSON: не больше {MAX_JSON_DEPTH} уровней.", 400


def body_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def wants_json(request):
    accept = request.headers.get("Accept", "")
    return (
        request.path.startswith("/api/")
        or is_json(request.content_type or "")
        or ("json" in accept and "text/html" not in accept)
    )


def refusal(request, message, status=400):
    """The answer to refused input: JSON `{"message": …}` (API v3's RFC 9457 problem for
    /api/v3/) or the HTML error page."""
    if request.path.startswith("/api/v3/"):
        return problem_response(status=status, detail=message, errors=[])
    if wants_json(request):
        return JsonResponse({"message": message}, status=status)
    html = render_to_string("400.html", {"message": message})
    return HttpResponse(html, status=status)
