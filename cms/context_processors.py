from functools import cache

from .pagecache import clock_edge as next_clock_edge
from .vision import COOKIE_NAME, VisionPreferences


def vision(request):
    """The reader's visually-impaired-version preferences, for the base template."""
    return {"vision": VisionPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))}


def clock_edge(request):
    """`clock_edge`: when dated content (slides, promos, events) next changes by the clock
    alone, for the fragments that show it to vary by (cms.pagecache.clock_edge); looked up
    only if a template uses it, once per request."""
    return {"clock_edge": cache(next_clock_edge)}
