from .vision import COOKIE_NAME, VisionPreferences


def vision(request):
    """The reader's visually-impaired-version preferences, for the base template."""
    return {"vision": VisionPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))}
