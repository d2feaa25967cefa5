"""How the Афиша's templates write an occurrence's day and time, in local time."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from events.display import day_heading, last_day, local_day

register = template.Library()


@register.filter
def event_day(occurrence):
    """«суббота, 5 декабря»; an all-day occurrence of several days «… — понедельник, 7 …»."""
    first, last = local_day(occurrence), last_day(occurrence)
    if occurrence.all_day and last != first:
        return f"{day_heading(first)} — {day_heading(last)}"
    return day_heading(first)


@register.filter
def event_time(occurrence):
    """«15:00–16:00», «15:00» without an end, «весь день» («весь день, до 18 декабря»)."""
    if occurrence.all_day:
        last = last_day(occurrence)
        if last != local_day(occurrence):
            return f"весь день, до {date_format(last, 'j E')}"
        return "весь день"
    start = timezone.localtime(occurrence.start)
    if occurrence.end and timezone.localdate(occurrence.end) == start.date():
        return f"{start:%H:%M}–{timezone.localtime(occurrence.end):%H:%M}"
    return f"{start:%H:%M}"
