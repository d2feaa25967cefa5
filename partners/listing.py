"""Reading the partner directory's filters from a query string."""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class PartnerFilter:
    """Country and kind chosen by the reader; unknown values give an empty list."""

    country: str = ""
    kind: str = ""

    @classmethod
    def from_query(cls, query):
        return cls(
            country=query.get("country", "").strip()[:100],
            kind=query.get("kind", "").strip()[:20],
        )

    @property
    def is_active(self):
        return bool(self.country or self.kind)

    def apply(self, partners):
        if self.country:
            partners = partners.filter(country=self.country)
        if self.kind:
            partners = partners.filter(kind=self.kind)
        return partners

    @property
    def query_string(self):
        return urlencode({k: v for k, v in (("country", self.country), ("kind", self.kind)) if v})
