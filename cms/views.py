"""Site-wide views that are not pages: the visually-impaired settings and robots.txt."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from cms.vision import COOKIE_MAX_AGE, COOKIE_NAME, VisionPreferences


@require_GET
def vision_settings(request):
    """Switch the visually-impaired version or one of its settings, then go back.

    A plain link does it (no JavaScript, no form), so it is a GET that only sets a cookie.
    """
    preferences = VisionPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))
    preferences = preferences.changed(request.GET)
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        COOKIE_NAME,
        preferences.to_cookie(),
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@require_GET
def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain")
