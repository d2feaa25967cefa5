"""Events by their next date: the home page's «Ближайшие события» and the Афиша's RSS."""

from django.db.models import OuterRef, Subquery
from django.utils import dateformat, timezone

from .models import EventOccurrence


def next_occurrences(pages, now=None):
    """The next date that takes place (not cancelled) of each of `pages` that has one, soonest
    first, each with its page: one row per event, however many dates a weekly club has."""
    upcoming = EventOccurrence.objects.upcoming(now).filter(cancelled=False)
    first_of_its_page = upcoming.filter(page=OuterRef("page")).values("pk")[:1]
    return upcoming.filter(
        page__in=pages.values("pk"), pk=Subquery(first_of_its_page)
    ).select_related("page")


def when_text(occurrence):
    """«5 декабря, 15:00», «5 декабря, весь день» in the site's time zone."""
    start = timezone.localtime(occurrence.start)
    if occurrence.all_day:
        return dateformat.format(start, "j E, весь день")
    return dateformat.format(start, "j E, H:i")
