"""Reading the Афиша's filters from a query string, forgiving bad values."""

import datetime
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlencode

from django.utils import timezone

# «Когда»: the reader's choices besides a day of their own (?day=2026-12-05).
# (Not ?date=: the API keeps that name for the news' date field filter.)
PERIODS = {"today": "Сегодня", "week": "На этой неделе", "month": "В этом месяце"}


def _day(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _age(value):
    try:
        age = int(value)
    except (TypeError, ValueError):
        return None
    return age if 0 <= age <= 120 else None


def _flag(value):
    return value in ("1", "true", "on", "yes")


def day_bounds(first, last):
    """The aware datetimes from the start of `first` to the end of `last`, local time."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


@dataclass(frozen=True)
class EventFilter:
    """When, for whom and how paid, as the reader chose; invalid parts are dropped.

    `when` is a period of PERIODS or "" (with `day` for a chosen day); `age` is the child's
    age (events marked for that age or younger); `archive` lists past occurrences instead.
    """

    names: ClassVar[tuple[str, ...]] = (
        "when", "day", "audience", "age", "free", "pushkin", "archive",
    )  # fmt: skip
    when: str = ""
    day: datetime.date | None = None
    audience: str = ""
    age: int | None = None
    free: bool = False
    pushkin: bool = False
    archive: bool = False

    @classmethod
    def from_query(cls, query):
        when = query.get("when", "")
        return cls(
            when=when if when in PERIODS else "",
            day=_day(query.get("day")),
            audience=query.get("audience", "").strip()[:50],
            age=_age(query.get("age")),
            free=_flag(query.get("free")),
            pushkin=_flag(query.get("pushkin")),
            archive=_flag(query.get("archive")),
        )

    @property
    def is_active(self):
        return bool(
            self.when or self.day or self.audience or self.age is not None or self.free
            or self.pushkin
        )  # fmt: skip

    def window(self, now=None):
        """(from, to) of the chosen period or day, or None for any time."""
        today = timezone.localdate(now)
        if self.day:
            return day_bounds(self.day, self.day)
        if self.when == "today":
            return day_bounds(today, today)
        if self.when == "week":
            return day_bounds(today, today + datetime.timedelta(days=6 - today.weekday()))
        if self.when == "month":
            next_month = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            return day_bounds(today, next_month - datetime.timedelta(days=1))
        return None

    def apply_to_pages(self, pages):
        """Filter EventPage rows by who they are for and how they are paid."""
        if self.audience:
            pages = pages.filter(audiences__slug=self.audience)
        if self.age is not None:
            pages = pages.filter(age_mark__lte=self.age)
        if self.free:
            pages = pages.filter(is_free=True)
        if self.pushkin:
            pages = pages.filter(pushkin_card=True)
        return pages

    def apply_to_occurrences(self, occurrences, pages, now=None):
        """Filter EventOccurrence rows to those of `pages` the filters keep, then by time."""
        occurrences = occurrences.filter(page__in=self.apply_to_pages(pages).values("pk"))
        window = self.window(now)
        if window:
            return occurrences.overlapping(*window)
        if self.archive:
            return occurrences.past(now)
        return occurrences.upcoming(now)

    def with_changes(self, **changes):
        return EventFilter(**{**self.__dict__, **changes})

    @property
    def query_string(self):
        """The filter as a query string, for links that keep it."""
        params = {
            "when": self.when,
            "day": self.day.isoformat() if self.day else "",
            "audience": self.audience,
            "age": "" if self.age is None else self.age,
            "free": int(self.free) or "",
            "pushkin": int(self.pushkin) or "",
            "archive": int(self.archive) or "",
        }
        return urlencode({key: value for key, value in params.items() if value != ""})
