"""The version for the visually impaired (ГОСТ Р 52872-2019): preferences kept in a cookie.

They are read on the server, so the page arrives already enlarged or recoloured (no flash)
and everything works without JavaScript: the controls are plain links.
"""

from dataclasses import dataclass, fields, replace

from django.http import QueryDict

COOKIE_NAME = "vision"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60

CHOICES = {
    "size": {"1": "Обычный", "2": "Крупный", "3": "Очень крупный"},
    "scheme": {
        "bw": "Чёрным по белому",
        "wb": "Белым по чёрному",
        "blue": "Тёмно-синим по голубому",
        "brown": "Коричневым по бежевому",
    },
    "spacing": {"normal": "Обычный", "wide": "Увеличенный"},
    "images": {"on": "Показывать", "off": "Скрыть"},
}


@dataclass(frozen=True)
class VisionPreferences:
    enabled: bool = False
    size: str = "1"
    scheme: str = "bw"
    spacing: str = "normal"
    images: str = "on"

    @classmethod
    def from_cookie(cls, value):
        return cls().changed(QueryDict(value or ""))

    def changed(self, query):
        """These preferences with the valid choices of `query` applied; others ignored."""
        changes = {
            name: query[name] for name in CHOICES if name in query and query[name] in CHOICES[name]
        }
        if query.get("enabled") in ("0", "1"):
            changes["enabled"] = query["enabled"] == "1"
        return replace(self, **changes)

    def to_cookie(self):
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["enabled"] = "1" if self.enabled else "0"
        query = QueryDict(mutable=True)
        query.update(values)
        return query.urlencode()

    @property
    def html_class(self):
        if not self.enabled:
            return ""
        return (
            f"vision vision-size-{self.size} vision-scheme-{self.scheme} "
            f"vision-spacing-{self.spacing} vision-images-{self.images}"
        )

    @property
    def controls(self):
        """[(name, label, [(value, label, is_current), …]), …] for the settings panel."""
        headings = {
            "size": "Размер шрифта",
            "scheme": "Цвета",
            "spacing": "Интервал",
            "images": "Изображения",
        }
        return [
            (
                name,
                headings[name],
                [(v, label, getattr(self, name) == v) for v, label in options.items()],
            )
            for name, options in CHOICES.items()
        ]
