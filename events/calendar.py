"""The Афиша's month calendar: whole weeks from Monday, each day with the occurrences that
take place on it, laid out from a single query of the month's occurrences."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from .display import last_day, local_day
from .listing import day_bounds

# Months a reader can page to: further off is a mistyped address, not a plan.
YEARS = range(2000, 2101)


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def checked(cls, year, month):
        """The month of an address, or 404 for one that is not (13, year 0)."""
        if year not in YEARS or not 1 <= month <= 12:
            raise Http404("Нет такого месяца.")
        return cls(year, month)

    @classmethod
    def of(cls, day):
        return cls(day.year, day.month)

    @property
    def first(self):
        return datetime.date(self.year, self.month, 1)

    @property
    def last(self):
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def previous(self):
        month = Month.of(self.first - datetime.timedelta(days=1))
        return month if month.year in YEARS else None

    @property
    def next(self):
        month = Month.of(self.last + datetime.timedelta(days=1))
        return month if month.year in YEARS else None

    def bounds(self):
        return day_bounds(self.first, self.last)


def month_weeks(month, occurrences, today=None):
    """[[CalendarDay × 7], …] of the month; an occurrence lasting several days is on each."""
    today = today or timezone.localdate()
    days = {
        day: CalendarDay(day, in_month=day.month == month.month, is_today=day == today)
        for day in calendar.Calendar(firstweekday=0).itermonthdates(month.year, month.month)
    }
    for occurrence in occurrences:
        day, end = max(local_day(occurrence), month.first), min(last_day(occurrence), month.last)
        while day <= end:
            days[day].occurrences.append(occurrence)
            day += datetime.timedelta(days=1)
    ordered = list(days.values())
    return [ordered[start : start + 7] for start in range(0, len(ordered), 7)]
