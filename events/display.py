"""What the Афиша's reader pages show besides the rows: dates grouped by day, the chosen
filter in words, an event's dates split into upcoming and past."""

import datetime
from itertools import groupby

from django.utils import timezone
from django.utils.formats import date_format

from cms.templatetags.site_tags import russian_plural_form

from .listing import PERIODS


def local_day(occurrence):
    return timezone.localdate(occurrence.start)


def by_day(occurrences):
    """[(date, [occurrence, …]), …] in the order given: a weekly club is an entry a day."""
    return [(day, list(items)) for day, items in groupby(occurrences, key=local_day)]


def day_heading(day, today=None):
    """«суббота, 5 декабря», with the year when it is not this year's."""
    today = today or timezone.localdate()
    heading = date_format(day, "l, j E" if day.year == today.year else "l, j E Y")
    return heading.lower()


def age_words(age):
    return f"{age} {russian_plural_form(age, 'год', 'года', 'лет')}"


def filter_words(event_filter, audiences):
    """The reader's choice as Russian phrases: «Сегодня», «Для кого: Дети», «Ребёнку 7 лет»."""
    words = []
    if event_filter.day:
        words.append(date_format(event_filter.day, "j E Y"))
    elif event_filter.when:
        words.append(PERIODS[event_filter.when])
    if event_filter.audience:
        name = next((a.name for a in audiences if a.slug == event_filter.audience), None)
        words.append(f"Для кого: {name or event_filter.audience}")
    if event_filter.age is not None:
        words.append(f"Ребёнку {age_words(event_filter.age)}")
    if event_filter.free:
        words.append("Бесплатно")
    if event_filter.pushkin:
        words.append("По «Пушкинской карте»")
    return words


def split_by_time(occurrences, now=None):
    """(upcoming soonest first, past latest first) of one event's occurrences."""
    now = now or timezone.now()
    ordered = sorted(occurrences, key=lambda occurrence: occurrence.start)
    upcoming = [occurrence for occurrence in ordered if occurrence.ends_at >= now]
    past = [occurrence for occurrence in reversed(ordered) if occurrence.ends_at < now]
    return upcoming, past


def last_day(occurrence):
    """The local date an occurrence ends on (an all-day one ends at the next midnight)."""
    if occurrence.ends_at <= occurrence.start:
        return local_day(occurrence)
    return timezone.localdate(occurrence.ends_at - datetime.timedelta(microseconds=1))
