"""Reading the news index's filters from a query string, forgiving bad values."""

from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlencode


def _int_in_range(value, low, high):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


@dataclass(frozen=True)
class NewsFilter:
    """Tag, rubric and archive month chosen by the reader; invalid parts are dropped."""

    names: ClassVar[tuple[str, ...]] = ("tag", "rubric", "year", "month")
    tag: str = ""
    rubric: str = ""
    year: int | None = None
    month: int | None = None

    @classmethod
    def from_query(cls, query):
        year = _int_in_range(query.get("year"), 1900, 2999)
        return cls(
            tag=query.get("tag", "").strip()[:100],
            rubric=query.get("rubric", "").strip()[:100],
            year=year,
            month=_int_in_range(query.get("month"), 1, 12) if year else None,
        )

    @property
    def is_active(self):
        return bool(self.tag or self.rubric or self.year)

    def apply(self, news):
        if self.tag:
            news = news.filter(tags__slug=self.tag)
        if self.rubric:
            news = news.filter(rubric__slug=self.rubric)
        if self.year:
            news = news.filter(date__year=self.year)
        if self.month:
            news = news.filter(date__month=self.month)
        return news

    @property
    def query_string(self):
        """The filter as a query string, for pagination links that keep it."""
        params = {
            "tag": self.tag,
            "rubric": self.rubric,
            "year": self.year,
            "month": self.month,
        }
        return urlencode({key: value for key, value in params.items() if value})
